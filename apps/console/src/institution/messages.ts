/** This screen's labels; `zhCN` must have exactly the keys of `en` (the type checks it). */
export const en = {
  carescore: {
    institution: {
      menu: 'Institution settings',
      title: 'Institution settings',
      intro: "Periods follow the institution's time zone (a survey answered at 07:00 Beijing time on 1 April belongs to Q2), and the appeal window counts its working days.",
      name: 'Institution',
      time_zone: 'Time zone',
      time_zone_help: 'Pick a common zone or type any IANA name, e.g. Asia/Urumqi.',
      appeal_days: 'Appeal window (working days)',
      appeal_days_help: 'From 1 to 60. Applies to periods published from now on.',
      approvals: 'Rule changes need a second person’s approval',
      approvals_help: 'Publishing a scheme or workflow, changing the bindings of a period with runs, promoting an experiment and closing or reopening a period become requests another admin approves (Approvals).',
      save: 'Save',
      saved: 'Settings saved',
      refused: 'Not saved (HTTP %{status})',
    },
  },
};

export const zhCN: typeof en = {
  carescore: {
    institution: {
      menu: '机构设置',
      title: '机构设置',
      intro: '考核周期按机构所在时区划分（北京时间 4 月 1 日 07:00 的问卷属于第二季度），申诉窗口按该时区的工作日计算。',
      name: '机构',
      time_zone: '时区',
      time_zone_help: '选择常用时区，或输入任一 IANA 时区名，例如 Asia/Urumqi。',
      appeal_days: '申诉窗口（工作日）',
      appeal_days_help: '1 至 60 天，对此后公示的周期生效。',
      approvals: '规则变更须经第二人审批',
      approvals_help: '发布方案或流程、更改已有运行的周期的绑定、推广实验、封账或重新开放周期，都将成为需由另一位管理员审批的变更申请（待审批）。',
      save: '保存',
      saved: '设置已保存',
      refused: '未能保存（HTTP %{status}）',
    },
  },
};
