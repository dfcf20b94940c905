/** Sample lists in the Web UI's own column layout, one of each verdict, for readers who want to see the tool work. */
export const EXAMPLE_LISTS = {
  atRisk: [
    'User Name\tUser Type\tStatus\tE-mail Address',
    'apc\tSuper User\tEnabled\tit-team@example.com',
    'jdupont\tAdministrator\tEnabled\tj.dupont@example.com',
    'updates\tAdministrator\tDisabled\t',
    'viewer\tRead-Only User\tEnabled\t',
  ].join('\n'),
  ok: [
    'User Name\tUser Type\tStatus\tE-mail Address',
    'apc\tSuper User\tEnabled\tit-team@example.com',
    'fw-updates\tAdministrator\tEnabled\t',
  ].join('\n'),
};
