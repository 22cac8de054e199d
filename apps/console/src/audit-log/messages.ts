/** This screen's labels; `zhCN` must have exactly the keys of `en` (the type checks it). */
export const en = {
  resources: {
    'audit-log': {
      fields: { sequence: 'No.' },
    },
  },
  carescore: {
    audit: {
      chain: {
        checking: 'Checking the audit chain…',
        unavailable: 'The audit chain could not be checked.',
        empty: 'No audit entries yet.',
        intact: 'Audit chain intact: every one of the %{smart_count} entry checked |||| Audit chain intact: all %{smart_count} entries checked',
        head: 'Latest entry No. %{sequence}, hash %{hash}',
        tampered: 'Entry No. %{sequence} was tampered with (id %{id})',
        problems: {
          content_changed: 'Its content was changed after it was written.',
          entries_missing: 'Entries before it are missing (deleted).',
          sequence_out_of_order: 'Its number repeats or goes back.',
          link_broken: "It does not carry the previous entry's hash.",
        },
        expected_sequence: 'Expected No. %{expected}, found No. %{found}.',
        expected_hash: 'Expected hash %{expected}, found %{found}.',
      },
    },
  },
};

export const zhCN: typeof en = {
  resources: {
    'audit-log': {
      fields: { sequence: '序号' },
    },
  },
  carescore: {
    audit: {
      chain: {
        checking: '正在校验审计链…',
        unavailable: '无法校验审计链。',
        empty: '还没有审计记录。',
        intact: '审计链完整：%{smart_count} 条记录全部校验通过',
        head: '最新一条：第 %{sequence} 条，哈希 %{hash}',
        tampered: '第 %{sequence} 条被篡改（编号 %{id}）',
        problems: {
          content_changed: '写入后内容被修改。',
          entries_missing: '此前的记录缺失（已被删除）。',
          sequence_out_of_order: '序号重复或倒退。',
          link_broken: '未携带上一条记录的哈希。',
        },
        expected_sequence: '应为第 %{expected} 条，实为第 %{found} 条。',
        expected_hash: '哈希应为 %{expected}，实为 %{found}。',
      },
    },
  },
};
