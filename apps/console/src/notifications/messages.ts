/** The bell's labels; `zhCN` must have exactly the keys of `en` (the type checks it). */
export const en = {
  carescore: {
    bell: {
      title: 'Notifications',
      unread: '%{smart_count} unread',
      empty: 'Nothing here yet',
      markAllRead: 'Mark all read',
      failed: 'The notifications could not be loaded',
    },
  },
};

export const zhCN: typeof en = {
  carescore: {
    bell: {
      title: '通知',
      unread: '%{smart_count} 条未读',
      empty: '暂无通知',
      markAllRead: '全部标为已读',
      failed: '通知加载失败',
    },
  },
};
