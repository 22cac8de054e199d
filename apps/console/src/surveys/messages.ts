/** Labels of the survey documents (overview, editor preview) and the response rates of the feedback screen; `zhCN` has exactly the keys of `en`. */
export const en = {
  carescore: {
    kinds: { survey: 'Survey' },
    documents: {
      diff: {
        fields: { question: 'Question', title: 'Title', intro: 'Introduction', thanks: 'Thank-you text', channel: 'Channel', scale: 'Scale', nps: 'NPS question', comment: 'Comment', low: 'Low end', high: 'High end', maxLength: 'Maximum length' },
      },
    },
    feedback: {
      dimensions: { rapport: 'rapport', trust: 'trust', advice: 'practical advice', responsiveness: 'responsiveness', privacy: 'privacy' },
    },
    surveys: {
      overview: {
        title: 'Title',
        intro: 'Introduction',
        likert: 'Likert questions (1–5)',
        question: 'Question',
        nps: 'NPS question (0–10)',
        comment: 'Comment',
        none: 'None',
        optional: 'optional',
        required: 'required',
        channel: 'Recorded as channel %{channel}; answers become feedback likert.<dimension> and nps.',
        max_length: 'at most %{max} characters',
      },
      preview: {
        tab: 'Preview',
        intro: 'What a client sees on the survey link (/s/…), in the language chosen:',
        language: 'Language',
        about: 'About the service of %{name}',
        sample_name: 'the staff member’s display name',
        invalid: 'Fix the document’s problems to see the preview.',
      },
      rates: {
        title: 'Survey response rates',
        period: 'Sent in',
        sent: 'Sent',
        answered: 'Answered',
        expired: 'Expired',
        rate: 'Response rate',
        by_team: 'By team',
        by_staff: 'By staff member',
        no_team: 'No team',
        none: 'No survey invitations were sent in %{period}.',
        total: 'All: %{answered} of %{sent} answered (%{rate})',
      },
    },
  },
};

export const zhCN: typeof en = {
  carescore: {
    kinds: { survey: '问卷' },
    documents: {
      diff: {
        fields: { question: '题目', title: '标题', intro: '开场说明', thanks: '致谢语', channel: '渠道', scale: '量表', nps: 'NPS 题', comment: '意见', low: '低分端', high: '高分端', maxLength: '最大长度' },
      },
    },
    feedback: {
      dimensions: { rapport: '沟通亲和力', trust: '信任感', advice: '建议实用性', responsiveness: '响应速度', privacy: '隐私保护' },
    },
    surveys: {
      overview: {
        title: '标题',
        intro: '开场说明',
        likert: 'Likert 题（1–5 分）',
        question: '问题',
        nps: 'NPS 题（0–10 分）',
        comment: '意见',
        none: '无',
        optional: '选填',
        required: '必答',
        channel: '记录为渠道 %{channel}；答案成为反馈的 likert.<维度> 和 nps。',
        max_length: '最多 %{max} 个字符',
      },
      preview: {
        tab: '预览',
        intro: '客户打开问卷链接（/s/…）时看到的内容，按所选语言：',
        language: '语言',
        about: '本次为您服务的是：%{name}',
        sample_name: '员工的显示名',
        invalid: '请先修正文档中的问题，再查看预览。',
      },
      rates: {
        title: '问卷回收率',
        period: '发送月份',
        sent: '已发送',
        answered: '已回答',
        expired: '已过期',
        rate: '回收率',
        by_team: '按团队',
        by_staff: '按员工',
        no_team: '无团队',
        none: '%{period} 没有发送问卷邀请。',
        total: '合计：%{sent} 份中已回答 %{answered} 份（%{rate}）',
      },
    },
  },
};
