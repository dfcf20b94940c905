/**
 * Page builders for the DOM reader's tests, in the layout public scripts that drive real NMC Web UIs describe:
 * pages under /NMC/<token>/, `td.dataName` label cells whose text sits in `<span id="lang…">`, `td.dataSection`
 * headings, users grouped by type on userman.htm. Written for this project; no vendor markup copied.
 */
import { JSDOM } from 'jsdom';

export const ORIGIN = 'http://ups-a.lan';
export const TOKEN = 'Qx7rT2mZpL0aBcDeFgHiJk';
export const nmcUrl = (file: string) => `${ORIGIN}/NMC/${TOKEN}/${file}`;

export function load(html: string, url: string): Document {
  return new JSDOM(html, { url }).window.document;
}

const page = (title: string, body: string, lang = 'en') =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head><body>
<div id="header"><span id="langProduct">Network Management Card</span></div>
<div id="content">${body}</div></body></html>`;

const langId = (label: string) => `lang${label.replace(/[^A-Za-z]/g, '')}`;
export const dataName = (label: string) => `<td class="dataName"><span id="${langId(label)}">${label}</span>:</td>`;
export const dataRow = (label: string, value: string) =>
  `<tr>${dataName(label)}<td class="dataValue">${value}</td></tr>`;
export const section = (title: string, colspan = 2) =>
  `<tr><td class="dataSection" colspan="${colspan}"><span id="${langId(title)}">${title}</span></td></tr>`;

export interface ListUser {
  name: string;
  email: string;
  enabled?: boolean;
  description?: string;
}

const userLink = (name: string) => `<a href="usercfg.htm?user=${encodeURIComponent(name)}">${name}</a>`;

/**
 * userman.htm: one table, a `dataSection` heading per user type, a header row under each heading
 * (User Name, Status, E-mail Address, User Description), no type column: the heading gives the type.
 */
export function grouped(
  groups: Array<[string, ListUser[]]>,
  options: { lang?: 'en' | 'fr'; headerOnce?: boolean; tablePerGroup?: boolean } = {},
): string {
  const fr = options.lang === 'fr';
  const header = fr
    ? `<tr><th>Nom d'utilisateur</th><th>État</th><th>Adresse e-mail</th><th>Description</th></tr>`
    : '<tr><th>User Name</th><th>Status</th><th>E-mail Address</th><th>User Description</th></tr>';
  const row = (user: ListUser) =>
    `<tr><td>${userLink(user.name)}</td><td>${user.enabled === false ? (fr ? 'Désactivé' : 'Disabled') : fr ? 'Activé' : 'Enabled'}</td><td>${user.email}</td><td>${user.description ?? ''}</td></tr>`;
  const blocks = groups.map(
    ([title, users], index) =>
      `${section(title, 4)}${options.headerOnce && index > 0 ? '' : header}${users.map(row).join('')}`,
  );
  const tables = options.tablePerGroup
    ? blocks.map((block) => `<table class="data">${block}</table>`).join('')
    : `<table class="data">${blocks.join('')}</table>`;
  const add = fr ? 'Ajouter un utilisateur' : 'Add User';
  return page(
    fr ? 'Gestion des utilisateurs locaux' : 'Local Users Management',
    `<h1>${fr ? 'Utilisateurs locaux' : 'Local Users'}</h1>${tables}<input type="button" value="${add}">`,
    options.lang,
  );
}

export interface UserConfig {
  name: string;
  email: string;
  type: string;
  enabled: boolean;
  /** The Super User's type is shown as text, other users' types in a select. */
  typeAsText?: boolean;
  lang?: 'en' | 'fr';
}

const TYPES = ['Administrator', 'Device User', 'Read-Only User', 'Network-Only User'];

/** usercfg.htm?user=<name>: the User Configuration screen with the Access/Enable box and three password fields. */
export function userConfig(user: UserConfig): string {
  const fr = user.lang === 'fr';
  const typeValue = user.typeAsText
    ? user.type
    : `<select name="user_type">${[...TYPES, user.type]
        .filter((type, index, all) => all.indexOf(type) === index)
        .map((type) => `<option${type === user.type ? ' selected' : ''}>${type}</option>`)
        .join('')}</select>`;
  const rows = [
    dataRow(
      fr ? 'Accès' : 'Access',
      `<input type="checkbox" name="user_enable"${user.enabled ? ' checked' : ''}><span id="langEnable">${fr ? 'Activer' : 'Enable'}</span>`,
    ),
    dataRow(fr ? "Nom d'utilisateur" : 'User Name', `<input type="text" name="user_name" value="${user.name}">`),
    dataRow(fr ? 'Mot de passe actuel' : 'Current Password', '<input type="password" name="cur_pass">'),
    dataRow(fr ? 'Nouveau mot de passe' : 'New Password', '<input type="password" name="new_pass">'),
    dataRow(fr ? 'Confirmer le mot de passe' : 'Confirm Password', '<input type="password" name="cfm_pass">'),
    dataRow(fr ? "Type d'utilisateur" : 'User Type', typeValue),
    dataRow(fr ? 'Description' : 'User Description', '<input type="text" name="user_desc" value="">'),
    dataRow(fr ? 'Adresse e-mail' : 'E-mail Address', `<input type="text" name="user_email" value="${user.email}">`),
    dataRow(
      fr ? 'Remplacement de l’authentification à distance série' : 'Serial Remote Authentication Override',
      `<input type="checkbox" name="serial_override" checked><span>${fr ? 'Activer' : 'Enable'}</span>`,
    ),
    section(fr ? "Préférences d'affichage Web" : 'Web Display Preferences'),
    dataRow(fr ? 'Codage couleur du journal' : 'Event Log Color Coding', '<input type="checkbox" checked>'),
  ];
  return page(
    fr ? "Configuration de l'utilisateur" : 'User Configuration',
    `<form method="post" action="usercfg.htm"><table class="data">${rows.join('')}</table>
<input type="submit" value="${fr ? 'Suivant' : 'Next'}"><input type="button" value="${fr ? 'Annuler' : 'Cancel'}"></form>`,
    user.lang,
  );
}

export interface AboutNetwork {
  model: string;
  application: [string, string];
  aos: string;
  boot?: string;
}

/** About > Network: Hardware Factory, Application Module, APC OS(AOS) and APC Boot Monitor sections. */
export function aboutNetwork(about: AboutNetwork): string {
  const rows = [
    section('Hardware Factory'),
    dataRow('Model Number', about.model),
    dataRow('Serial Number', 'ZA2409001234'),
    dataRow('Hardware Revision', '05'),
    dataRow('Manufacture Date', '03/04/2024'),
    dataRow('MAC Address', '28 29 86 0A 1B 2C'),
    section('Application Module'),
    dataRow('Name', about.application[0]),
    dataRow('Version', about.application[1]),
    dataRow('Date', 'Jan 10 2025'),
    section('APC OS(AOS)'),
    dataRow('Name', 'aos'),
    dataRow('Version', about.aos),
    dataRow('Date', 'Jan 10 2025'),
    section('APC Boot Monitor'),
    dataRow('Name', 'bootmon'),
    dataRow('Version', about.boot ?? 'v1.5.0.4'),
  ];
  return page('About Network', `<h1>About</h1><table class="data">${rows.join('')}</table>`);
}

/** About UPS: the UPS's own model and firmware revision, which are not the card's. */
export function aboutUps(): string {
  const rows = [
    dataRow('Model', 'Smart-UPS 1500'),
    dataRow('SKU', 'SMT1500RMI2UC'),
    dataRow('Serial Number', 'AS1234567890'),
    dataRow('Firmware Revision', 'UPS 05.3 / MCU 05.3 (ID18)'),
    dataRow('Manufacture Date', '2019-05-11'),
  ];
  return page('About UPS', `<h1>About UPS</h1><table class="data">${rows.join('')}</table>`);
}

export function logon(): string {
  return page(
    'Log On',
    `<form method="post" action="Forms/login1"><table>
${dataRow('User Name', '<input type="text" name="login_username" value="apc">')}
${dataRow('Password', '<input type="password" name="login_password">')}
${dataRow('Language', '<select name="language"><option selected>English</option><option>Français</option></select>')}
</table><input type="submit" value="Log On"></form>`,
  );
}
