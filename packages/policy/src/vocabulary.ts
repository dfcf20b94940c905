/**
 * What the NMC Web UI's labels say in the languages its language packs and regional cards are run in: English,
 * French, German, Spanish, Italian, Russian, Japanese, Simplified and Traditional Chinese, Korean and Brazilian
 * Portuguese. Structure comes first (links, addresses, section rows, label ids); these words are the second source.
 *
 * English and French are the wording of the documented Web UI. For the other languages we found no public capture of
 * the card's own pages: the terms are the usual UI wording of each language, written by us, several variants each.
 * A label we do not know is never a reason to conclude anything: the reader then says which facts are missing.
 */
import type { NmcUserTypeId } from './facts.ts';
import { normalizeLabel } from './normalize.ts';

export type NmcLanguage = 'en' | 'fr' | 'de' | 'es' | 'it' | 'ru' | 'ja' | 'zh-Hans' | 'zh-Hant' | 'ko' | 'pt-BR';

export const NMC_LANGUAGES: readonly NmcLanguage[] = [
  'en',
  'fr',
  'de',
  'es',
  'it',
  'ru',
  'ja',
  'zh-Hans',
  'zh-Hant',
  'ko',
  'pt-BR',
];

type Terms = Readonly<Partial<Record<NmcLanguage, readonly string[]>>>;

/** Column headers and form labels of a user's fields (English and French also have patterns in labels.ts). */
export const FIELD_TERMS: Readonly<Record<'name' | 'email' | 'userType' | 'status' | 'access', Terms>> = {
  name: {
    de: ['Benutzername', 'Benutzer', 'Name des Benutzers', 'Anmeldename'],
    es: ['Nombre de usuario', 'Usuario', 'Nombre del usuario'],
    it: ['Nome utente', "Nome dell'utente", 'Utente'],
    ru: ['Имя пользователя', 'Пользователь', 'Логин'],
    ja: ['ユーザ名', 'ユーザー名', 'ユーザ', 'ユーザー'],
    'zh-Hans': ['用户名', '用户名称', '用户'],
    'zh-Hant': ['使用者名稱', '用戶名稱', '使用者', '用戶名'],
    ko: ['사용자 이름', '사용자명', '사용자'],
    'pt-BR': ['Nome de usuário', 'Nome do usuário', 'Usuário'],
  },
  email: {
    de: ['E-Mail-Adresse', 'E-Mail', 'Mail-Adresse', 'E-Mail Adresse'],
    es: ['Dirección de correo electrónico', 'Correo electrónico', 'Dirección de correo', 'Dirección de e-mail'],
    it: ['Indirizzo e-mail', 'Indirizzo email', 'E-mail', 'Posta elettronica'],
    ru: ['Адрес электронной почты', 'Электронная почта', 'Эл. почта', 'E-mail адрес'],
    ja: ['電子メールアドレス', 'メールアドレス', 'Eメールアドレス', '電子メール'],
    'zh-Hans': ['电子邮件地址', '电子邮件', '邮箱地址', '电子邮箱'],
    'zh-Hant': ['電子郵件地址', '電子郵件', '電郵地址'],
    ko: ['이메일 주소', '전자 메일 주소', '이메일', '전자 메일'],
    'pt-BR': ['Endereço de e-mail', 'Endereço de email', 'E-mail'],
  },
  userType: {
    de: ['Benutzertyp', 'Benutzerart', 'Benutzerrolle', 'Typ', 'Rolle'],
    es: ['Tipo de usuario', 'Tipo', 'Rol'],
    it: ['Tipo di utente', 'Tipo utente', 'Tipo', 'Ruolo'],
    ru: ['Тип пользователя', 'Тип', 'Роль'],
    ja: ['ユーザタイプ', 'ユーザータイプ', 'ユーザの種類', 'ユーザーの種類', '種類'],
    'zh-Hans': ['用户类型', '类型', '角色'],
    'zh-Hant': ['使用者類型', '用戶類型', '類型', '角色'],
    ko: ['사용자 유형', '사용자 종류', '유형'],
    'pt-BR': ['Tipo de usuário', 'Tipo', 'Função'],
  },
  status: {
    de: ['Status', 'Zustand'],
    es: ['Estado'],
    it: ['Stato'],
    ru: ['Состояние', 'Статус'],
    ja: ['ステータス', '状態'],
    'zh-Hans': ['状态'],
    'zh-Hant': ['狀態'],
    ko: ['상태'],
    'pt-BR': ['Status', 'Estado', 'Situação'],
  },
  /** The label of the enable box on a user's own page ("Access: [x] Enable"). */
  access: {
    en: ['Access', 'Account Access', 'User Access', 'Enable'],
    fr: ['Accès', 'Accès au compte', 'Accès utilisateur', 'Activer'],
    de: ['Zugriff', 'Zugang', 'Aktivieren'],
    es: ['Acceso', 'Habilitar'],
    it: ['Accesso', 'Abilita'],
    ru: ['Доступ', 'Включить'],
    ja: ['アクセス', '有効にする'],
    'zh-Hans': ['访问', '访问权限', '启用'],
    'zh-Hant': ['存取', '存取權限', '啟用'],
    ko: ['액세스', '접근', '사용'],
    'pt-BR': ['Acesso', 'Habilitar'],
  },
};

/** User-type names, matched inside a label or a section heading ("Superuser-Verwaltung", "スーパーユーザ管理"). */
export const USER_TYPE_TERMS: ReadonlyArray<readonly [NmcUserTypeId, Terms]> = [
  [
    'super-user',
    {
      de: ['Superuser', 'Super-User', 'Super-Benutzer', 'Superbenutzer'],
      es: ['Superusuario', 'Super usuario'],
      it: ['Superutente', 'Superutenti', 'Super utente', 'Super utenti'],
      // Russian declines nouns: the stem matches "суперпользователями" too.
      ru: ['Суперпользовател', 'Супер-пользовател'],
      ja: ['スーパーユーザ', 'スーパーユーザー'],
      'zh-Hans': ['超级用户'],
      'zh-Hant': ['超級使用者', '超級用戶'],
      ko: ['슈퍼 사용자', '수퍼 사용자', '슈퍼유저', '슈퍼사용자'],
      'pt-BR': ['Superusuário', 'Super usuário'],
    },
  ],
  [
    'network-only-user',
    {
      de: ['Nur-Netzwerk', 'Nur Netzwerk', 'Netzwerkbenutzer'],
      es: ['Solo red', 'Sólo red', 'Usuario de red'],
      it: ['Solo rete', 'Utente di rete'],
      ru: ['Только сеть', 'Только для сети', 'Сетевой пользователь'],
      ja: ['ネットワーク専用', 'ネットワークのみ', 'ネットワークユーザ'],
      'zh-Hans': ['仅网络', '网络用户'],
      'zh-Hant': ['僅網路', '網路使用者', '僅網絡'],
      ko: ['네트워크 전용', '네트워크 사용자'],
      'pt-BR': ['Somente rede', 'Apenas rede', 'Usuário de rede'],
    },
  ],
  [
    'read-only-user',
    {
      de: ['Nur-Lese', 'Nur Lesen', 'Nur-Lesen', 'Lesezugriff', 'Schreibgeschützt'],
      es: ['Solo lectura', 'Sólo lectura'],
      it: ['Sola lettura', 'Solo lettura'],
      ru: ['Только чтение', 'Только для чтения', 'Только чтения'],
      ja: ['読み取り専用', '読取専用'],
      'zh-Hans': ['只读'],
      'zh-Hant': ['唯讀'],
      ko: ['읽기 전용'],
      'pt-BR': ['Somente leitura', 'Apenas leitura', 'Só leitura'],
    },
  ],
  [
    'device-user',
    {
      de: ['Gerätebenutzer', 'Geräte-Benutzer', 'Gerät'],
      es: ['Usuario de dispositivo', 'Usuario del dispositivo', 'Dispositivo'],
      it: ['Utente dispositivo', 'Utente del dispositivo', 'Dispositivo'],
      ru: ['Пользователь устройства', 'Пользователи устройства', 'Устройств'],
      ja: ['デバイスユーザ', 'デバイスユーザー', 'デバイス', '装置ユーザ'],
      'zh-Hans': ['设备用户', '设备'],
      'zh-Hant': ['裝置使用者', '設備用戶', '裝置'],
      ko: ['장치 사용자', '디바이스 사용자', '장치'],
      'pt-BR': ['Usuário do dispositivo', 'Usuário de dispositivo', 'Dispositivo'],
    },
  ],
  [
    'administrator',
    {
      de: ['Administrator'],
      es: ['Administrador'],
      it: ['Amministratore', 'Amministratori'],
      ru: ['Администратор'],
      ja: ['管理者', 'アドミニストレータ'],
      'zh-Hans': ['管理员'],
      'zh-Hant': ['管理員', '管理者'],
      ko: ['관리자'],
      'pt-BR': ['Administrador'],
    },
  ],
];

/** Status words of a list's Status column or an enable caption. */
export const STATUS_TERMS: Readonly<Record<'enabled' | 'disabled', Terms>> = {
  enabled: {
    de: ['Aktiviert', 'Aktiv', 'Freigegeben', 'Ja'],
    es: ['Habilitado', 'Habilitada', 'Activado', 'Activada', 'Activo', 'Activa', 'Sí'],
    it: ['Abilitato', 'Abilitata', 'Attivato', 'Attivata', 'Attivo', 'Attiva', 'Sì'],
    ru: ['Включен', 'Включён', 'Включено', 'Активен', 'Активно', 'Разрешено', 'Да'],
    ja: ['有効', '有効化', 'はい'],
    'zh-Hans': ['启用', '已启用', '有效', '是'],
    'zh-Hant': ['啟用', '已啟用', '有效', '是'],
    ko: ['사용', '사용함', '활성', '활성화', '활성화됨', '예'],
    'pt-BR': ['Habilitado', 'Habilitada', 'Ativado', 'Ativada', 'Ativo', 'Ativa', 'Sim'],
  },
  disabled: {
    de: ['Deaktiviert', 'Inaktiv', 'Gesperrt', 'Nein'],
    es: ['Deshabilitado', 'Deshabilitada', 'Desactivado', 'Desactivada', 'Inactivo', 'Inactiva', 'Bloqueado'],
    it: ['Disabilitato', 'Disabilitata', 'Disattivato', 'Disattivata', 'Inattivo', 'Inattiva', 'Bloccato'],
    ru: ['Отключен', 'Отключён', 'Отключено', 'Выключен', 'Выключено', 'Неактивен', 'Заблокирован', 'Нет'],
    ja: ['無効', '無効化', 'ロック', 'いいえ'],
    'zh-Hans': ['禁用', '已禁用', '停用', '已停用', '无效', '锁定', '否'],
    'zh-Hant': ['停用', '已停用', '禁用', '已禁用', '無效', '鎖定', '否'],
    ko: ['사용 안 함', '사용 안함', '비활성', '비활성화', '비활성화됨', '잠김', '아니요'],
    'pt-BR': ['Desabilitado', 'Desabilitada', 'Desativado', 'Desativada', 'Inativo', 'Inativa', 'Bloqueado'],
  },
};

/** What an e-mail cell shows when it holds no address. */
export const NO_ADDRESS_TERMS: Terms = {
  de: ['keine', 'nicht gesetzt', 'leer'],
  es: ['ninguno', 'ninguna', 'no definido', 'vacío'],
  it: ['nessuno', 'nessuna', 'non impostato', 'vuoto'],
  ru: ['нет', 'не задан', 'не указан', 'пусто'],
  ja: ['なし', '未設定'],
  'zh-Hans': ['无', '未设置'],
  'zh-Hant': ['無', '未設定'],
  ko: ['없음', '설정 안 됨'],
  'pt-BR': ['nenhum', 'nenhuma', 'não definido', 'vazio'],
};

/** Words that make a heading a group of a users list ("… Management", "Verwaltung der …"). */
export const SECTION_TERMS: Terms = {
  en: ['management', 'users', 'user', 'accounts', 'list'],
  fr: ['gestion', 'utilisateurs', 'utilisateur', 'comptes', 'liste'],
  de: ['verwaltung', 'benutzer', 'konten', 'liste'],
  es: ['gestion', 'administracion', 'usuarios', 'cuentas', 'lista'],
  it: ['gestione', 'utenti', 'account', 'elenco'],
  ru: ['управление', 'пользователи', 'учетные записи', 'список'],
  ja: ['管理', 'ユーザ', 'ユーザー', '一覧'],
  'zh-Hans': ['管理', '用户', '列表'],
  'zh-Hant': ['管理', '使用者', '用戶', '清單', '列表'],
  ko: ['관리', '사용자', '목록'],
  'pt-BR': ['gerenciamento', 'gestao', 'usuarios', 'contas', 'lista'],
};

/** About-page row labels: the Name / Version pair of each firmware module, the card's model and part number. */
export const ABOUT_TERMS: Readonly<Record<'name' | 'version' | 'model' | 'partNumber' | 'hardwareRevision', Terms>> = {
  name: {
    en: ['Name'],
    fr: ['Nom'],
    de: ['Name'],
    es: ['Nombre'],
    it: ['Nome'],
    ru: ['Имя', 'Название'],
    ja: ['名前', '名称'],
    'zh-Hans': ['名称', '名字'],
    'zh-Hant': ['名稱'],
    ko: ['이름', '명칭'],
    'pt-BR': ['Nome'],
  },
  version: {
    en: ['Version', 'Revision', 'Rev'],
    fr: ['Version', 'Révision'],
    de: ['Version', 'Revision'],
    es: ['Versión', 'Revisión'],
    it: ['Versione', 'Revisione'],
    ru: ['Версия'],
    ja: ['バージョン', '版'],
    'zh-Hans': ['版本'],
    'zh-Hant': ['版本'],
    ko: ['버전'],
    'pt-BR': ['Versão', 'Revisão'],
  },
  model: {
    en: ['Model Number', 'Model', 'Model No'],
    fr: ['Numéro de modèle', 'Modèle', 'Référence', 'Référence du modèle'],
    de: ['Modellnummer', 'Modell'],
    es: ['Número de modelo', 'Modelo'],
    it: ['Numero di modello', 'Numero modello', 'Modello'],
    ru: ['Номер модели', 'Модель'],
    ja: ['モデル番号', 'モデル', '型番'],
    'zh-Hans': ['型号', '型号编号'],
    'zh-Hant': ['型號'],
    ko: ['모델 번호', '모델'],
    'pt-BR': ['Número do modelo', 'Modelo'],
  },
  partNumber: {
    en: ['Part Number', 'Part No', 'SKU'],
    fr: ['Numéro de pièce', 'Référence de pièce'],
    de: ['Teilenummer', 'Artikelnummer'],
    es: ['Número de pieza', 'Número de parte'],
    it: ['Codice articolo', 'Numero parte'],
    ru: ['Номер детали', 'Артикул'],
    ja: ['部品番号'],
    'zh-Hans': ['部件号', '零件号'],
    'zh-Hant': ['零件編號', '部件號'],
    ko: ['부품 번호'],
    'pt-BR': ['Número da peça'],
  },
  hardwareRevision: {
    en: ['Hardware Revision'],
    fr: ['Révision matérielle', 'Révision du matériel'],
    de: ['Hardware-Revision', 'Hardwarerevision'],
    es: ['Revisión de hardware'],
    it: ['Revisione hardware'],
    ru: ['Версия оборудования', 'Ревизия оборудования'],
    ja: ['ハードウェアリビジョン'],
    'zh-Hans': ['硬件版本'],
    'zh-Hant': ['硬體版本'],
    ko: ['하드웨어 리비전', '하드웨어 버전'],
    'pt-BR': ['Revisão de hardware'],
  },
};

/** Headings of the section that describes a management card built into another device. */
export const CARD_SECTION_TERMS: Terms = {
  en: ['Network Management Card', 'Management Card', 'NMC'],
  fr: ['Carte de gestion réseau', 'Carte de gestion'],
  de: ['Netzwerkmanagementkarte', 'Netzwerk-Management-Karte', 'Managementkarte'],
  es: ['Tarjeta de administración de red', 'Tarjeta de gestión de red'],
  it: ['Scheda di gestione di rete', 'Scheda di gestione'],
  ru: ['Плата сетевого управления', 'Карта сетевого управления'],
  ja: ['ネットワークマネジメントカード', 'ネットワーク管理カード'],
  'zh-Hans': ['网络管理卡'],
  'zh-Hant': ['網路管理卡'],
  ko: ['네트워크 관리 카드'],
  'pt-BR': ['Placa de gerenciamento de rede'],
};

/** UI captions that carry no data: kept as written in "Copy page structure for a bug report". */
export const UI_CAPTION_TERMS: Terms = {
  en: [
    'Local Users',
    'Local Users Management',
    'User Configuration',
    'Confirm User Configuration',
    'Edit User',
    'Add User',
    'Remote Users',
    'Session Management',
    'Network',
    'About',
    'About Network',
    'Hardware Factory',
    'Application Module',
    'APC OS(AOS)',
    'APC Boot Monitor',
    'Serial Number',
    'Manufacture Date',
    'MAC Address',
    'Date',
    'Time',
    'Description',
    'User Description',
    'Session Timeout',
    'New Password',
    'Current Password',
    'Confirm Password',
    'Apply',
    'Next',
    'Cancel',
    'Log On',
    'Password',
    'Language',
    'Web Display Preferences',
    'Event Log Color Coding',
    'Serial Remote Authentication Override',
    'Home',
    'Status',
    'Control',
    'Configuration',
    'Security',
    'Logs',
    'Tests',
  ],
  fr: [
    'Utilisateurs locaux',
    'Gestion des utilisateurs locaux',
    "Configuration de l'utilisateur",
    "Confirmer la configuration de l'utilisateur",
    "Modifier l'utilisateur",
    'Ajouter un utilisateur',
    'À propos',
    'Réseau',
    'Numéro de série',
    'Description',
    "Description de l'utilisateur",
    'Délai de session',
    'Mot de passe',
    'Appliquer',
    'Suivant',
    'Annuler',
    'Sécurité',
  ],
  de: [
    'Lokale Benutzer',
    'Verwaltung lokaler Benutzer',
    'Benutzerkonfiguration',
    'Benutzerkonfiguration bestätigen',
    'Benutzer hinzufügen',
    'Beschreibung',
    'Kennwort',
    'Passwort',
    'Übernehmen',
    'Weiter',
    'Abbrechen',
    'Sicherheit',
    'Seriennummer',
  ],
  es: ['Usuarios locales', 'Configuración de usuario', 'Añadir usuario', 'Descripción', 'Contraseña', 'Aplicar'],
  it: ['Utenti locali', 'Configurazione utente', 'Aggiungi utente', 'Descrizione', 'Password', 'Applica'],
  ru: ['Локальные пользователи', 'Настройка пользователя', 'Описание', 'Пароль', 'Применить'],
  ja: ['ローカルユーザ', 'ローカルユーザー', 'ユーザ設定', 'ユーザ設定の確認', '説明', 'パスワード', '適用', '次へ'],
  'zh-Hans': ['本地用户', '用户配置', '说明', '密码', '应用'],
  'zh-Hant': ['本機使用者', '使用者設定', '說明', '密碼', '套用'],
  ko: ['로컬 사용자', '사용자 구성', '설명', '암호', '비밀번호', '적용'],
  'pt-BR': ['Usuários locais', 'Configuração do usuário', 'Descrição', 'Senha', 'Aplicar'],
};

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Every term of a table, folded with `normalizeLabel` (the same folding the labels get). */
export function foldTerms(terms: Terms): string[] {
  return Object.values(terms).flatMap((list) => (list ?? []).map(normalizeLabel));
}

/**
 * A matcher for terms inside a longer label: a term in a script written without spaces matches anywhere; any
 * other term matches at the start of a word ("administrator" in "administratoren verwaltung").
 */
export function containsTerm(terms: Terms): (normalized: string) => boolean {
  const joined: string[] = [];
  const anywhere: string[] = [];
  for (const list of Object.values(terms)) {
    for (const term of list ?? []) {
      const folded = normalizeLabel(term);
      if (folded === '') continue;
      if (CJK.test(term)) anywhere.push(folded);
      else joined.push(folded);
    }
  }
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const startOfWord = joined.length > 0 ? new RegExp(`(?:^| )(?:${joined.map(escape).join('|')})`, 'u') : undefined;
  return (normalized) => (startOfWord?.test(normalized) ?? false) || anywhere.some((term) => normalized.includes(term));
}

/** An exact-match set of folded terms. */
export function termSet(terms: Terms): ReadonlySet<string> {
  return new Set(foldTerms(terms));
}
