// The nettlege administrator's page: what citizens are told now, the pilot's configuration (saved as a new version with
// PUT), and the version history with who changed what and when.
import { api, ApiProblem } from './api.js';
import { announce, clearErrors, describe, numberIn, showProblem } from './forms.js';
import { layout, osloTime } from './layout.js';

const form = document.getElementById('pilot-form');
const refusal = document.getElementById('refusal');
const WHY_NOT = {
  'no-pilot': 'Kommunen har ingen nettlege-pilot.',
  'pilot-disabled': 'Piloten er slått av.',
  'before-period': 'Pilotperioden har ikke begynt.',
  'after-period': 'Pilotperioden er over.',
  'feature-off': 'Nettlege er slått av for alle i denne tjenesten.',
};
const LABELS = {
  enabled: 'på/av', validFrom: 'første dag', validTo: 'siste dag', slotLengthMinutes: 'konsultasjonslengde',
  consultationsPerHour: 'kapasitet', feeText: 'egenandel', outOfHoursPhone: 'telefonnummer', openingHours: 'åpningstider',
  infoLinks: 'informasjonslenker',
};

let municipality;

function refuse(problem) {
  refusal.replaceChildren('Avvist av tjenesten: ', describe(problem.problem.detail, problem.problem.code));
  refusal.hidden = false;
}

async function showNow() {
  const now = document.getElementById('now');
  try {
    const a = await api('GET', `/api/v1/nettlege/pilots/${encodeURIComponent(municipality)}/availability`);
    const lines = [];
    if (a.available && a.openNow) lines.push(`Nettlegen er tilgjengelig og åpen nå${a.closesAt ? `, til ${osloTime(a.closesAt)}` : ''}.`);
    else if (a.available) lines.push(`Nettlegen er tilgjengelig, men stengt nå.${a.nextOpening ? ` Åpner ${osloTime(a.nextOpening)}.` : ''}`);
    else {
      lines.push(`Nettlegen er ikke tilgjengelig. ${WHY_NOT[a.whyNot] ?? a.whyNot ?? ''}`);
      if (a.nextOpening) lines.push(`Åpner ${osloTime(a.nextOpening)}.`);
    }
    if (a.feeText) lines.push(`Egenandel: ${a.feeText}`);
    lines.push(`Ring ${a.outOfHoursPhone} når nettlegen ikke passer.`);
    now.replaceChildren(...lines.map((text) => Object.assign(document.createElement('p'), { textContent: text })));
  } catch (error) {
    if (!(error instanceof ApiProblem)) throw error;
    now.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'Kan ikke vises.' }));
    refuse(error);
    form.querySelectorAll('input, textarea, button').forEach((e) => { e.disabled = true; });
  }
}

function fill(configuration) {
  form.enabled.checked = configuration.enabled === true;
  form.validFrom.value = configuration.validFrom ?? '';
  form.validTo.value = configuration.validTo ?? '';
  form.slotLengthMinutes.value = configuration.slotLengthMinutes ?? '';
  form.consultationsPerHour.value = configuration.consultationsPerHour ?? '';
  form.feeText.value = configuration.feeText ?? '';
  form.outOfHoursPhone.value = configuration.outOfHoursPhone ?? '';
  const opening = new Map((configuration.openingHours ?? []).map((o) => [o.day, o]));
  for (const day of form.querySelectorAll('fieldset.day')) {
    const o = opening.get(day.dataset.day);
    day.querySelector('[data-open]').checked = Boolean(o);
    if (o) {
      day.querySelector('[data-opens]').value = o.opens;
      day.querySelector('[data-closes]').value = o.closes;
    }
  }
  const links = configuration.infoLinks ?? [];
  form.querySelectorAll('.info-link').forEach((row, i) => {
    row.querySelector('[data-link-title]').value = links[i]?.title ?? '';
    row.querySelector('[data-link-url]').value = links[i]?.url ?? '';
  });
}

/** The body of the PUT; each input is tagged with the API field it becomes, so a refusal lands at that input. */
function body() {
  const openingHours = [];
  for (const day of form.querySelectorAll('fieldset.day')) {
    const opens = day.querySelector('[data-opens]');
    const closes = day.querySelector('[data-closes]');
    delete opens.dataset.field;
    delete closes.dataset.field;
    if (!day.querySelector('[data-open]').checked) continue;
    opens.dataset.field = `openingHours[${openingHours.length}].opens`;
    closes.dataset.field = `openingHours[${openingHours.length}].closes`;
    openingHours.push({ day: day.dataset.day, opens: opens.value, closes: closes.value });
  }
  const infoLinks = [];
  for (const row of form.querySelectorAll('.info-link')) {
    const title = row.querySelector('[data-link-title]');
    const url = row.querySelector('[data-link-url]');
    delete title.dataset.field;
    delete url.dataset.field;
    if (title.value.trim() === '' && url.value.trim() === '') continue;
    title.dataset.field = `infoLinks[${infoLinks.length}].title`;
    url.dataset.field = `infoLinks[${infoLinks.length}].url`;
    infoLinks.push({ title: title.value.trim(), url: url.value.trim() });
  }
  return {
    enabled: form.enabled.checked,
    validFrom: form.validFrom.value,
    validTo: form.validTo.value,
    slotLengthMinutes: numberIn(form.slotLengthMinutes),
    consultationsPerHour: numberIn(form.consultationsPerHour),
    feeText: form.feeText.value,
    outOfHoursPhone: form.outOfHoursPhone.value.trim() === '' ? null : form.outOfHoursPhone.value.trim(),
    infoLinks,
    openingHours,
  };
}

/** Which parts of the configuration differ between a version and the one before it. */
function changes(version, previous) {
  if (!previous) return 'Opprettet';
  const changed = Object.keys(LABELS).filter(
    (key) => JSON.stringify(version.configuration[key] ?? null) !== JSON.stringify(previous.configuration[key] ?? null));
  return changed.length === 0 ? 'Ingen endring' : `Endret ${changed.map((k) => LABELS[k]).join(', ')}`;
}

async function load(who) {
  const list = await api('GET', '/api/v1/nettlege/pilots');
  const current = list.pilots[0];
  if (current) fill(current.configuration);
  else fill({ enabled: false, slotLengthMinutes: 15, consultationsPerHour: 4, openingHours: [] });
  const rows = list.history.map((version, i) => {
    const row = document.createElement('tr');
    const by = version.changedBy === who.id ? `${version.changedBy} (deg)` : version.changedBy;
    for (const text of [String(version.version), osloTime(version.changedAt), by, changes(version, list.history[i + 1])]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    return row;
  });
  const history = document.getElementById('history');
  if (rows.length === 0) {
    const row = document.createElement('tr');
    const cell = document.createElement('td');
    cell.colSpan = 4;
    cell.textContent = 'Ingen versjoner ennå.';
    row.append(cell);
    rows.push(row);
  }
  history.replaceChildren(...rows);
}

async function start() {
  const who = await layout('Nettlege.Administer');
  if (!who?.roles.includes('Nettlege.Administer')) return;
  // The caller's own municipality; a link naming another one (?kommune=) shows the API's refusal instead.
  municipality = new URLSearchParams(location.search).get('kommune') ?? who.municipality;
  document.getElementById('municipality-name').textContent = municipality;
  await load(who);
  await showNow();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    document.getElementById('saved').hidden = true;
    try {
      const saved = await api('PUT', `/api/v1/nettlege/pilots/${encodeURIComponent(municipality)}`, body());
      await load(who);
      await showNow();
      announce(document.getElementById('saved'), `Lagret som versjon ${saved.version}.`);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      if (error.status === 403) refuse(error);
      else showProblem(form, error);
    }
  });
}

start();
