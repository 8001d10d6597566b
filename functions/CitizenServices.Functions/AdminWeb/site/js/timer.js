// The schedule administrator's page: publish slots for a schedule from a daily plan (POST .../slots with a plan).
import { api, ApiProblem } from './api.js';
import { announce, clearErrors, numberIn, showProblem } from './forms.js';
import { layout } from './layout.js';

const form = document.getElementById('slots-form');

async function start() {
  const who = await layout('Schedules.Manage');
  if (!who?.roles.includes('Schedules.Manage')) return;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const published = document.getElementById('published');
    published.hidden = true;
    const schedule = form.schedule.value.trim();
    try {
      const result = await api('POST', `/api/v1/admin/schedules/${encodeURIComponent(schedule || '-')}/slots`, {
        plan: {
          firstDay: form.firstDay.value || null,
          lastDay: form.lastDay.value || null,
          dailyFrom: form.dailyFrom.value,
          dailyTo: form.dailyTo.value,
          lengthMinutes: numberIn(form.lengthMinutes),
          channel: form.channel.value,
          parallel: numberIn(form.parallel),
        },
      });
      announce(published, `Publiserte ${result.published} nye timer i ${schedule} (${result.alreadyPublished} var lagt ut fra før).`);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      showProblem(form, error);
    }
  });
}

start();
