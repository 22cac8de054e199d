/** The binding dialog's scheduled run; `zhCN` must have exactly the keys of `en` (the type checks it). */
export const en = {
  carescore: {
    schedule: {
      title: 'Scheduled run',
      explain: 'Evaluate this period automatically, a number of days after its last day, at a time on the institution clock.',
      days_after_end: 'Days after the period ends',
      time: 'Time (%{zone})',
      due: 'Due %{at} (%{zone})',
      none: 'No scheduled run.',
      save: 'Schedule',
      remove: 'Remove the schedule',
      saved: 'Scheduled run saved',
      removed: 'Scheduled run removed',
      fired: 'Fired %{at}; run %{status}',
      refused: 'Came due %{at} but did not run: %{reason}',
      statuses: { queued: 'queued', running: 'running', succeeded: 'succeeded', failed: 'failed' },
    },
  },
};

export const zhCN: typeof en = {
  carescore: {
    schedule: {
      title: '定时运行',
      explain: '在考核周期结束后若干天、按机构时间的指定时刻自动计算本周期。',
      days_after_end: '周期结束后天数',
      time: '时刻（%{zone}）',
      due: '将于 %{at}（%{zone}）运行',
      none: '未设置定时运行。',
      save: '设置定时运行',
      remove: '取消定时运行',
      saved: '定时运行已保存',
      removed: '定时运行已取消',
      fired: '已于 %{at} 触发；运行%{status}',
      refused: '于 %{at} 到期但未运行：%{reason}',
      statuses: { queued: '排队中', running: '进行中', succeeded: '已完成', failed: '失败' },
    },
  },
};
