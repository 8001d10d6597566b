// The caseworker's page: list a child's foster-care relations, register one, change one (a new version with the full
// state) and end one; each refusal is the API's problem detail, shown at its field or in the summary when it names none.
import { api, ApiProblem } from './api.js';
import { announce, clearErrors, showProblem } from './forms.js';
import { layout, osloTime } from './layout.js';

const findForm = document.getElementById('find-form');
const form = document.getElementById('relation-form');
const endForm = document.getElementById('end-form');
const done = document.getElementById('done');
const BASIS = {
  'voluntary-placement': 'Frivillig plassering', 'care-order': 'Omsorgsovertakelse', 'emergency-placement': 'Akuttplassering',
};
const STATUS = { active: 'Gjeldende', pending: 'Ikke begynt', expired: 'Utløpt', ended: 'Avsluttet' };
const SCOPES = {
  appointments: 'timebestilling', 'appointments-primary-care': 'timer i kommunens helsetjeneste', messages: 'meldinger',
  'health-records': 'journal', prescriptions: 'resepter',
};

let editing = null; // the relation being changed, or null when registering
let ending = null;
let shownChild = null;

function fact(list, term, value) {
  const dt = document.createElement('dt');
  dt.textContent = term;
  const dd = document.createElement('dd');
  dd.textContent = value;
  list.append(dt, dd);
}

/** A secondary button described by the relation's heading, so a screen reader says which relation it acts on. */
function action(text, describedBy, onClick) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'secondary';
  button.textContent = text;
  button.setAttribute('aria-describedby', describedBy);
  button.addEventListener('click', onClick);
  return button;
}

function render(relations) {
  const container = document.getElementById('relations');
  if (relations.length === 0) {
    container.replaceChildren(Object.assign(document.createElement('p'), { textContent: 'Barnet har ingen omsorgsrelasjoner som kommunen er ansvarlig for.' }));
    return;
  }
  container.replaceChildren(...relations.map((relation) => {
    const c = relation.current;
    const article = document.createElement('article');
    article.className = 'relation';
    article.setAttribute('aria-labelledby', `relation-${relation.id}`);
    const heading = document.createElement('h3');
    heading.id = `relation-${relation.id}`;
    heading.textContent = `${BASIS[c.legalBasis] ?? c.legalBasis}, vedtak ${c.decisionReference} – ${STATUS[relation.status] ?? relation.status}`;
    const facts = document.createElement('dl');
    facts.className = 'facts';
    fact(facts, 'Fosterforeldre', c.fosterParents.join(', ') || (c.institution ? c.institution.name : '–'));
    fact(facts, 'Gjelder', `${c.validFrom} – ${c.validTo ?? 'inntil videre'}`);
    fact(facts, 'Fullmakter', c.delegatedScopes.map((s) => SCOPES[s] ?? s).join(', '));
    fact(facts, 'Foreldrene beholder digital tilgang', c.parentsKeepDigitalAccess ? 'Ja' : 'Nei');
    fact(facts, 'Versjon', `${c.version}, ${osloTime(c.changedAt)} av ${c.changedBy}`);
    if (c.endReason) fact(facts, 'Begrunnelse for avslutning', c.endReason);
    article.append(heading, facts);
    if (relation.status !== 'ended') {
      const actions = document.createElement('p');
      actions.className = 'row';
      actions.append(
        action('Endre', heading.id, () => startChange(relation)),
        action('Avslutt', heading.id, () => startEnd(relation)));
      article.append(actions);
    }
    return article;
  }));
}

async function list(child) {
  shownChild = child;
  const result = await api('GET', `/api/v1/care-relations?child=${encodeURIComponent(child)}`);
  render(result.relations);
}

function relationBody() {
  const fosterParents = [];
  for (const input of form.querySelectorAll('[data-foster-parent]')) {
    delete input.dataset.field;
    if (input.value.trim() === '') continue;
    input.dataset.field = `fosterParents[${fosterParents.length}]`;
    fosterParents.push(input.value.trim());
  }
  const keep = form.querySelector('input[name="parentsKeepDigitalAccess"]:checked')?.value ?? '';
  const body = {
    decisionReference: form.decisionReference.value.trim(),
    legalBasis: form.legalBasis.value,
    validFrom: form.validFrom.value || null,
    validTo: form.validTo.value || null,
    delegatedScopes: [...form.querySelectorAll('#scopes input:checked')].map((i) => i.value),
    fosterParents,
    parentsKeepDigitalAccess: keep === '' ? null : keep === 'true',
  };
  if (editing) return { version: editing.current.version + 1, ...body, child: editing.child };
  return { child: form.child.value.trim(), ...body };
}

function resetRelationForm() {
  editing = null;
  form.reset();
  clearErrors(form);
  form.child.disabled = false;
  document.getElementById('relation-heading').textContent = 'Registrer en ny omsorgsrelasjon';
  document.getElementById('relation-submit').textContent = 'Registrer';
  document.getElementById('relation-cancel').hidden = true;
}

function startChange(relation) {
  resetRelationForm();
  editing = relation;
  const c = relation.current;
  form.child.value = relation.child;
  form.child.disabled = true;
  form.querySelectorAll('[data-foster-parent]').forEach((input, i) => { input.value = c.fosterParents[i] ?? ''; });
  form.legalBasis.value = c.legalBasis;
  form.decisionReference.value = c.decisionReference;
  form.validFrom.value = c.validFrom;
  form.validTo.value = c.validTo ?? '';
  form.querySelectorAll('#scopes input').forEach((input) => { input.checked = c.delegatedScopes.includes(input.value); });
  form.querySelector(`#parents-${c.parentsKeepDigitalAccess ? 'yes' : 'no'}`).checked = true;
  document.getElementById('relation-heading').textContent = `Endre omsorgsrelasjon (ny versjon ${c.version + 1})`;
  document.getElementById('relation-submit').textContent = 'Lagre endringen';
  document.getElementById('relation-cancel').hidden = false;
  form.decisionReference.focus();
}

function startEnd(relation) {
  ending = relation;
  endForm.reset();
  clearErrors(endForm);
  document.getElementById('end-section').hidden = false;
  document.getElementById('end-heading').textContent = `Avslutt omsorgsrelasjon (vedtak ${relation.current.decisionReference})`;
  endForm.querySelector('#end-decisionReference').focus();
}

async function start() {
  const who = await layout('CareRelations.Manage');
  if (!who?.roles.includes('CareRelations.Manage')) return;

  findForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(findForm);
    try {
      await list(findForm.querySelector('#find-child').value.trim());
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      showProblem(findForm, error);
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    done.hidden = true;
    try {
      const saved = editing
        ? await api('PUT', `/api/v1/care-relations/${editing.id}`, relationBody())
        : await api('POST', '/api/v1/care-relations', relationBody());
      const verb = editing ? 'endret' : 'registrert';
      resetRelationForm();
      findForm.querySelector('#find-child').value = saved.child;
      await list(saved.child);
      announce(done, `Omsorgsrelasjonen er ${verb} (versjon ${saved.current.version}).`);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      showProblem(form, error);
    }
  });
  document.getElementById('relation-cancel').addEventListener('click', resetRelationForm);

  endForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(endForm);
    done.hidden = true;
    try {
      const ended = await api('POST', `/api/v1/care-relations/${ending.id}/end`, {
        version: ending.current.version + 1,
        decisionReference: endForm.querySelector('#end-decisionReference').value.trim(),
        endDate: endForm.endDate.value || null,
        reason: endForm.reason.value.trim(),
      });
      document.getElementById('end-section').hidden = true;
      ending = null;
      await list(shownChild ?? ended.child);
      announce(done, `Omsorgsrelasjonen er avsluttet (versjon ${ended.current.version}).`);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      showProblem(endForm, error);
    }
  });
  document.getElementById('end-cancel').addEventListener('click', () => {
    document.getElementById('end-section').hidden = true;
    ending = null;
  });
}

start();
