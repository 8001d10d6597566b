// The header every page shares: who is signed in, for which municipality, and the pages their roles open.
import { caller, signOut } from './auth.js';

const PAGES = [
  { href: 'nettlege.html', text: 'Nettlege-pilot', role: 'Nettlege.Administer' },
  { href: 'omsorg.html', text: 'Fosterhjem', role: 'CareRelations.Manage' },
  { href: 'timer.html', text: 'Publiser timer', role: 'Schedules.Manage' },
];

export const ROLE_NAMES = {
  'Nettlege.Administer': 'nettlegeadministrator',
  'CareRelations.Manage': 'saksbehandler i barnevernet',
  'Schedules.Manage': 'timeboksadministrator',
};

/** The skip link and the header every page starts with, written once here rather than into each page. */
function header() {
  const skip = document.createElement('a');
  skip.className = 'skip-link';
  skip.href = '#main';
  skip.textContent = 'Hopp til hovedinnholdet';
  const site = document.createElement('header');
  site.className = 'site';
  const brand = document.createElement('a');
  brand.className = 'brand';
  brand.href = './';
  brand.textContent = 'Kommunal administrasjon';
  const nav = document.createElement('nav');
  nav.className = 'site';
  nav.setAttribute('aria-label', 'Sider');
  nav.append(document.createElement('ul'));
  const who = document.createElement('p');
  who.className = 'who';
  site.append(brand, nav, who);
  document.body.prepend(skip, site);
}

/** Writes the header; on a page that needs a role, sends a caller who is not signed in to the sign-in page. */
export async function layout(requiredRole) {
  header();
  const who = await caller();
  if (requiredRole && !who) {
    signOut('Du må logge inn for å bruke denne siden.');
    return null;
  }
  const nav = document.querySelector('nav.site ul');
  const here = location.pathname.split('/').pop();
  for (const page of PAGES.filter((p) => who?.roles.includes(p.role))) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = page.href;
    link.textContent = page.text;
    if (page.href === here) link.setAttribute('aria-current', 'page');
    item.append(link);
    nav.append(item);
  }
  const box = document.querySelector('.who');
  if (who) {
    box.textContent = `Innlogget som ${who.name}, kommune ${who.municipality ?? 'ukjent'}. `;
    const out = document.createElement('button');
    out.type = 'button';
    out.className = 'link';
    out.textContent = 'Logg ut';
    out.addEventListener('click', () => signOut('Du er logget ut.'));
    box.append(out);
  }
  if (requiredRole && !who.roles.includes(requiredRole)) {
    const main = document.querySelector('main');
    const notice = document.createElement('p');
    notice.className = 'notice refused';
    notice.setAttribute('role', 'alert');
    notice.textContent = `Du har ikke rollen ${requiredRole} og kan ikke bruke denne siden.`;
    main.prepend(notice);
  }
  return who;
}

/** Europe/Oslo wall-clock time, as staff read it. */
export function osloTime(instant) {
  return new Intl.DateTimeFormat('nb-NO', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Oslo' }).format(new Date(instant));
}
