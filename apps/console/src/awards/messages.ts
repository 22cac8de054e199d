/** The awards' and honour roll's labels; `zhCN` must have exactly the keys of `en` (the type checks it). */
export const en = {
  carescore: {
    awards: {
      title: 'Awards',
      honour_roll: 'Honour roll',
      honour_roll_title: 'Honour roll: %{team}, %{period}',
      open_honour_roll: 'Honour roll',
      choose_period: 'Period',
      none: 'Nobody in the team earned an award this period (or its results are not published yet).',
      staff: 'Staff member',
      earned: 'Awards earned',
      count: '%{smart_count} person |||| %{smart_count} people',
      not_ranking: 'Recognitions, not a ranking: everyone who meets an award’s condition earns it.',
    },
  },
};

export const zhCN: typeof en = {
  carescore: {
    awards: {
      title: '获得的奖项',
      honour_roll: '光荣榜',
      honour_roll_title: '光荣榜：%{team}，%{period}',
      open_honour_roll: '光荣榜',
      choose_period: '考核周期',
      none: '本期团队中暂无人获奖（或结果尚未公示）。',
      staff: '员工',
      earned: '获得的奖项',
      count: '%{smart_count} 人',
      not_ranking: '非排名类荣誉：凡达到奖项条件者均可获得。',
    },
  },
};
