// Shows the API's problem details on a form: an error summary at the top linking to each field at fault, and each
// field's error at the field itself (aria-invalid, aria-describedby). Fields are found by the API's own field names
// (data-field="openingHours[2].closes"), so every message is the API's, never a guess in the page.

const NORWEGIAN = {
  forbidden: 'Du har ikke tilgang til dette.',
  'invalid-request': null,
  'not-found': 'Finnes ikke.',
  'concurrent-change': 'Noen andre endret dette samtidig. Last siden på nytt og prøv igjen.',
};

/** The problem's text in Norwegian where the page knows the code; else the API's own (English) words, marked as such. */
export function describe(detail, code) {
  const fragment = document.createDocumentFragment();
  const norwegian = code ? NORWEGIAN[code] : null;
  if (norwegian) {
    fragment.append(norwegian);
    return fragment;
  }
  const span = document.createElement('span');
  span.lang = 'en';
  span.textContent = detail;
  fragment.append(span);
  return fragment;
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach((input) => {
    input.removeAttribute('aria-invalid');
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && !id.endsWith('-error'));
    if (described.length > 0) input.setAttribute('aria-describedby', described.join(' '));
    else input.removeAttribute('aria-describedby');
  });
  const summary = summaryOf(form);
  summary.hidden = true;
  summary.querySelector('ul').replaceChildren();
}

function summaryOf(form) {
  return document.getElementById(form.dataset.summary);
}

/** The input a field name refers to: the exact one, else the first input of the nearest named parent (openingHours[2]). */
function inputFor(form, field) {
  if (!field) return null;
  let name = field;
  while (name) {
    const input = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
    if (input) return input;
    const cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('['));
    name = cut > 0 ? name.slice(0, cut) : '';
  }
  return null;
}

/** Shows every field error of an ApiProblem; returns the summary, which has focus so a screen reader reads it first. */
export function showProblem(form, apiProblem) {
  clearErrors(form);
  const summary = summaryOf(form);
  const list = summary.querySelector('ul');
  for (const error of apiProblem.fieldErrors) {
    const input = inputFor(form, error.field);
    const item = document.createElement('li');
    if (input) {
      const id = `${input.id}-error`;
      let message = document.getElementById(id);
      if (!message) {
        message = document.createElement('p');
        message.className = 'field-error';
        message.id = id;
        const hidden = document.createElement('span');
        hidden.className = 'visually-hidden';
        hidden.textContent = 'Feil: ';
        message.append(hidden);
        const anchor = input.closest('.field, fieldset') ?? input.parentElement;
        const label = anchor.querySelector(`label[for="${input.id}"]`) ?? anchor.querySelector('legend');
        if (label && label.parentElement === anchor) label.after(message);
        else input.before(message);
      } else {
        message.append(' ');
      }
      message.append(describe(error.detail, error.code));
      input.setAttribute('aria-invalid', 'true');
      const described = new Set((input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean));
      described.add(id);
      input.setAttribute('aria-describedby', [...described].join(' '));
      const link = document.createElement('a');
      link.href = `#${input.id}`;
      link.append(describe(error.detail, error.code));
      link.addEventListener('click', (event) => {
        event.preventDefault();
        input.focus();
      });
      item.append(link);
    } else {
      item.append(describe(error.detail, error.code));
    }
    list.append(item);
  }
  summary.hidden = false;
  summary.focus();
  return summary;
}

/** A status message (role=status) after a change; a refusal that no field explains goes to showProblem's summary. */
export function announce(element, text, kind = 'ok') {
  element.className = `notice ${kind}`;
  element.textContent = text;
  element.hidden = false;
}

/** The input's value as a number, or null when it is empty or not a number (the API then names the field). */
export function numberIn(input) {
  return input.value.trim() === '' || Number.isNaN(Number(input.value)) ? null : Number(input.value);
}
