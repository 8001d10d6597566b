import { config, caller, completeEntraSignIn, developmentSignIn, entraSignIn, takeMessage } from './auth.js';
import { ApiProblem } from './api.js';
import { showProblem, clearErrors } from './forms.js';
import { layout, ROLE_NAMES } from './layout.js';

const message = document.getElementById('message');
function say(text, kind = '') {
  message.textContent = text;
  message.className = `notice ${kind}`;
  message.hidden = false;
}

const PAGES = {
  'Nettlege.Administer': { href: 'nettlege.html', text: 'Nettlege-pilot: åpningstider, kapasitet, egenandel og historikk' },
  'CareRelations.Manage': { href: 'omsorg.html', text: 'Fosterhjem: registrer, endre og avslutt omsorgsrelasjoner' },
  'Schedules.Manage': { href: 'timer.html', text: 'Publiser timer for en timebok' },
};

async function start() {
  const returned = await completeEntraSignIn();
  if (returned?.error) say(returned.error, 'refused');
  else if (returned?.ok && returned.returnTo) {
    location.assign(returned.returnTo);
    return;
  }
  const pending = takeMessage();
  if (pending) say(pending);

  const settings = await config();
  const who = await caller();
  await layout(null);
  if (who) {
    document.getElementById('signed-in').hidden = false;
    const names = who.roles.map((r) => ROLE_NAMES[r] ?? r);
    document.getElementById('roles').textContent =
      `Kommune ${who.municipality ?? 'ukjent'}. Roller: ${names.length > 0 ? names.join(', ') : 'ingen'}.`;
    const list = document.getElementById('pages');
    for (const role of who.roles.filter((r) => PAGES[r])) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = PAGES[role].href;
      link.textContent = PAGES[role].text;
      item.append(link);
      list.append(item);
    }
    return;
  }
  if (settings.entra) {
    document.getElementById('entra').hidden = false;
    document.getElementById('entra-sign-in').addEventListener('click', () => entraSignIn(null));
  }
  if (settings.developmentSignIn) {
    document.getElementById('development').hidden = false;
    const form = document.getElementById('dev-form');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      const roles = [...form.querySelectorAll('input[name="roles"]:checked')].map((i) => i.value);
      const result = await developmentSignIn(roles, form.municipality.value.trim());
      if (result.problem) {
        showProblem(form, new ApiProblem(400, result.problem));
        return;
      }
      location.reload();
    });
  }
  if (!settings.entra && !settings.developmentSignIn) {
    say('Innlogging er ikke satt opp for dette miljøet (AdminWeb:ClientId mangler).', 'refused');
  }
}

start();
