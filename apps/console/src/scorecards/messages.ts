/** This screen's labels; `zhCN` must have exactly the keys of `en` (the type checks it). */
export const en = {};

export const zhCN: typeof en = {};
