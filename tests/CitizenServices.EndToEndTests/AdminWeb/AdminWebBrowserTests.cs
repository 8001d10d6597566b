using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CitizenServices.EndToEndTests.AdminWeb;

/// <summary>
/// The admin web for municipal staff in a real browser (docs/admin-web.md): signing in, configuring a nettlege pilot,
/// the refusal for another municipality, registering and ending a care relation, publishing slots, and a field error
/// from the API's problem details shown at its field. Every page state is checked with axe-core (WCAG 2.1 A and AA) and
/// kept as a screenshot under artifacts/test-results/admin-web/. They wait for no event or timer, so they run beside the
/// other classes that do not (xunit runs those first, then the <see cref="TimedEventHosts"/> collection alone); every wait
/// is Playwright's, up to 15 s (<see cref="AdminWebHost"/>).
/// </summary>
public sealed class AdminWebBrowserTests(AdminWebHost host) : IClassFixture<AdminWebHost>
{
    private const string NettlegeAdministrator = "Nettlege.Administer";
    private const string Caseworker = "CareRelations.Manage";
    private const string ScheduleAdministrator = "Schedules.Manage";

    [Fact]
    public async Task SignIn_WithTheDevelopmentSignIn_OffersThePagesOfTheChosenRoles()
    {
        await using var page = await host.OpenAsync();
        await page.GoToAsync(string.Empty);
        await Expect(page["#development"]).ToBeVisibleAsync();
        await page.CheckAndCaptureAsync("sign-in");

        await page.SignInAsync("0301", NettlegeAdministrator, Caseworker);

        await Expect(page["#roles"]).ToContainTextAsync("Kommune 0301");
        await Expect(page["#pages a"]).ToHaveCountAsync(2);
        await Expect(page["nav.site a[href='nettlege.html']"]).ToBeVisibleAsync();
        await Expect(page["nav.site a[href='timer.html']"]).ToHaveCountAsync(0);
        await page.CheckAndCaptureAsync("signed-in");
    }

    [Fact]
    public async Task SignIn_WithEntraId_RedeemsTheCodeWithItsPkceVerifierAndUsesTheTokensRolesAndMunicipality()
    {
        await using var page = await host.OpenAsync();
        var entra = new EntraDouble(
            new Uri(host.BaseAddress, "/api/admin/").ToString(), TokenFactory.Development().Workforce([Caseworker], "4601"));
        await entra.AttachAsync(page.Context);
        await page.GoToAsync(string.Empty);

        await page["#entra-sign-in"].ClickAsync();

        await Expect(page["#signed-in"]).ToBeVisibleAsync();
        Assert.True(entra.Faults.Count == 0, string.Join("; ", entra.Faults));
        Assert.True(entra.CodeRedeemed);
        await Expect(page["#roles"]).ToContainTextAsync("Kommune 4601");
        await Expect(page["#pages a[href='omsorg.html']"]).ToBeVisibleAsync();
        // The code and state are gone from the address once redeemed.
        Assert.Equal(new Uri(host.BaseAddress, "/api/admin/").ToString(), page.Page.Url);
    }

    [Fact]
    public async Task SignIn_WhenNoRoleIsChosen_ShowsTheApiErrorAtTheRoles()
    {
        await using var page = await host.OpenAsync();
        await page.GoToAsync(string.Empty);

        await page["#dev-form button[type=submit]"].ClickAsync();

        await Expect(page["#dev-summary"]).ToBeVisibleAsync();
        await Expect(page["#role-nettlege"]).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page["#role-nettlege-error"]).ToContainTextAsync("Choose at least one role.");
        await page.AssertAccessibleAsync("sign-in with an error");
    }

    [Fact]
    public async Task Pilot_WhenConfigured_IsSavedAsAVersionWithItsHistoryAndWhatCitizensAreTold()
    {
        await using var page = await host.OpenAsync();
        await page.SignInAsync("0301", NettlegeAdministrator);
        await page.GoToAsync("nettlege.html");
        await Expect(page["#now"]).ToContainTextAsync("Kommunen har ingen nettlege-pilot.");

        await ConfigureOpenAllDayAsync(page, feeText: "Egenandel som for legevakt.");
        await page["#pilot-form button[type=submit]"].ClickAsync();

        await Expect(page["#saved"]).ToHaveTextAsync("Lagret som versjon 1.");
        // Open or closed depends on the minute the test runs (00:00-23:45 Oslo); available it is either way.
        await Expect(page["#now"]).ToContainTextAsync("Nettlegen er tilgjengelig");
        await Expect(page["#now"]).ToContainTextAsync("Egenandel: Egenandel som for legevakt.");
        await Expect(page["#history tr"]).ToHaveCountAsync(1);
        await Expect(page["#history tr"].First).ToContainTextAsync("Opprettet");

        // A second version: the history names what changed and who changed it (the signed-in person is "deg").
        await page["#feeText"].FillAsync("Ingen egenandel i pilotperioden.");
        await page["#pilot-form button[type=submit]"].ClickAsync();

        await Expect(page["#saved"]).ToHaveTextAsync("Lagret som versjon 2.");
        await Expect(page["#history tr"]).ToHaveCountAsync(2);
        await Expect(page["#history tr"].First).ToContainTextAsync("Endret egenandel");
        await Expect(page["#history tr"].First).ToContainTextAsync("(deg)");
        await page.CheckAndCaptureAsync("nettlege");
    }

    [Fact]
    public async Task Pilot_WhenClosingIsBeforeOpening_ShowsTheApiErrorAtThatFieldAndTheSummaryLeadsThere()
    {
        await using var page = await host.OpenAsync();
        await page.SignInAsync("4601", NettlegeAdministrator);
        await page.GoToAsync("nettlege.html");
        await ConfigureOpenAllDayAsync(page, feeText: "Egenandel som for legevakt.");
        await page["#opens-wednesday"].FillAsync("18:00");
        await page["#closes-wednesday"].FillAsync("10:00");

        await page["#pilot-form button[type=submit]"].ClickAsync();

        // Rule closes-not-after-opens: the API names openingHours[2].closes, Wednesday being the third open day.
        await Expect(page["#pilot-summary"]).ToBeFocusedAsync();
        await Expect(page["#closes-wednesday"]).ToHaveAttributeAsync("aria-invalid", "true");
        // The API's own words (rule closes-not-after-opens), at the field and as the summary's link to it.
        const string detail = "Closing time must be after opening time on the same day.";
        await Expect(page["#closes-wednesday-error"]).ToHaveTextAsync("Feil: " + detail);
        await Expect(page["#closes-wednesday"]).ToHaveAttributeAsync("aria-describedby", new Regex("closes-wednesday-error"));
        await Expect(page["#opens-monday"]).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page["#pilot-summary a[href='#closes-wednesday']"]).ToHaveTextAsync(detail);
        await Expect(page["#history tr"]).ToHaveTextAsync("Ingen versjoner ennå.");
        await page.CheckAndCaptureAsync("nettlege-field-error");

        // Keyboard only: from the focused summary, Tab reaches the link and Enter puts focus on the field at fault.
        await page.Page.Keyboard.PressAsync("Tab");
        await page.Page.Keyboard.PressAsync("Enter");
        Assert.Equal("closes-wednesday", await page.FocusedIdAsync());
    }

    [Fact]
    public async Task Pilot_OfAnotherMunicipality_ShowsTheRefusal()
    {
        await using var page = await host.OpenAsync();
        await page.SignInAsync("0301", NettlegeAdministrator);

        await page.GoToAsync("nettlege.html?kommune=1103");

        await Expect(page["#refusal"]).ToBeVisibleAsync();
        await Expect(page["#refusal"]).ToContainTextAsync("Avvist av tjenesten");
        await Expect(page["#pilot-form button[type=submit]"]).ToBeDisabledAsync();
        await page.CheckAndCaptureAsync("nettlege-other-municipality");
    }

    [Fact]
    public async Task CareRelation_WhenRegisteredThenEnded_IsListedAsEndedAndARefusedChangeSaysWhy()
    {
        await using var page = await host.OpenAsync();
        await page.SignInAsync("0301", Caseworker);
        await page.GoToAsync("omsorg.html");

        await page["#child"].FillAsync(Seed.OliverFosterChild);
        await page["#foster-parent-0"].FillAsync(Seed.HildeFosterMother);
        await page["#foster-parent-1"].FillAsync(Seed.TorFosterFather);
        await page["#legalBasis"].SelectOptionAsync("voluntary-placement");
        await page["#decisionReference"].FillAsync("BV-2026-00417");
        await page["#validFrom"].FillAsync("2026-03-01");
        await page["#scope-appointments"].CheckAsync();
        await page["#scope-messages"].CheckAsync();
        await page["#relation-submit"].ClickAsync();

        await Expect(page["#done"]).ToHaveTextAsync("Omsorgsrelasjonen er registrert (versjon 1).");
        await Expect(page["#relations article"]).ToHaveCountAsync(1);
        await Expect(page["#relations article"]).ToContainTextAsync("Frivillig plassering, vedtak BV-2026-00417 – Gjeldende");
        await page.CheckAndCaptureAsync("omsorg");

        // A change the API refuses (a care order must say whether the parents keep digital access): the reason is shown.
        await page["#relations article button:text('Endre')"].ClickAsync();
        await page["#legalBasis"].SelectOptionAsync("care-order");
        await page["#parents-unset"].CheckAsync();
        await page["#relation-submit"].ClickAsync();
        await Expect(page["#relation-summary"]).ToBeVisibleAsync();
        await Expect(page["#parents-access"]).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page["#parents-access-error"]).ToContainTextAsync("must state whether the parents keep digital access");
        await page.CheckAndCaptureAsync("omsorg-change-refused");
        await page["#relation-cancel"].ClickAsync();

        await page["#relations article button:text('Avslutt')"].ClickAsync();
        await page["#end-decisionReference"].FillAsync("BV-2026-00417-E");
        await page["#endDate"].FillAsync("2026-12-31");
        await page["#reason"].FillAsync("Tilbakeføring til foreldrene.");
        await page.CheckAndCaptureAsync("omsorg-end");
        await page["#end-form button[type=submit]"].ClickAsync();

        await Expect(page["#done"]).ToHaveTextAsync("Omsorgsrelasjonen er avsluttet (versjon 2).");
        await Expect(page["#relations article"]).ToContainTextAsync("Avsluttet");
        await Expect(page["#relations article"]).ToContainTextAsync("Tilbakeføring til foreldrene.");
        await Expect(page["#relations article button"]).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Slots_WhenPublishedFromAPlan_SayHowManyAndARepeatPublishesNone()
    {
        const string schedule = "fjordby-helsestasjon";
        using (var client = new HttpClient { BaseAddress = host.BaseAddress })
        using (var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/admin/schedules/{schedule}"))
        {
            request.Headers.Authorization = new("Bearer", TokenFactory.Development().Workforce([ScheduleAdministrator], "0301"));
            request.Content = JsonContent.Create(new { name = "Fjordby helsestasjon", kind = "gp", municipality = "0301", channels = new[] { "in-person" }, cancellationDeadlineHours = 24 });
            using var saved = await client.SendAsync(request);
            Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        }

        await using var page = await host.OpenAsync();
        await page.SignInAsync("0301", ScheduleAdministrator);
        await page.GoToAsync("timer.html");
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page["#schedule"].FillAsync(schedule);
        await page["#firstDay"].FillAsync(tomorrow);
        await page["#lastDay"].FillAsync(tomorrow);
        await page["#dailyFrom"].FillAsync("08:00");
        await page["#dailyTo"].FillAsync("10:00");
        await page["#lengthMinutes"].FillAsync("30");

        await page["#slots-form button[type=submit]"].ClickAsync();
        await Expect(page["#published"]).ToHaveTextAsync($"Publiserte 4 nye timer i {schedule} (0 var lagt ut fra før).");
        await page.CheckAndCaptureAsync("timer");

        await page["#slots-form button[type=submit]"].ClickAsync();
        await Expect(page["#published"]).ToHaveTextAsync($"Publiserte 0 nye timer i {schedule} (4 var lagt ut fra før).");

        await page["#lengthMinutes"].FillAsync("2");
        await page["#slots-form button[type=submit]"].ClickAsync();
        await Expect(page["#lengthMinutes"]).ToHaveAttributeAsync("aria-invalid", "true");
        await page.CheckAndCaptureAsync("timer-field-error");
    }

    /// <summary>A pilot open every day 00:00–23:30 for a year around today, so it is open whenever the test runs.</summary>
    private static async Task ConfigureOpenAllDayAsync(AdminPage page, string feeText)
    {
        var today = DateTime.UtcNow.Date;
        await page["#enabled"].CheckAsync();
        await page["#validFrom"].FillAsync(today.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page["#validTo"].FillAsync(today.AddDays(300).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page["#slotLengthMinutes"].FillAsync("15");
        await page["#consultationsPerHour"].FillAsync("8");
        await page["#feeText"].FillAsync(feeText);
        await page["#outOfHoursPhone"].FillAsync("116 117");
        foreach (var day in new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" })
        {
            await page[$"#open-{day}"].CheckAsync();
            await page[$"#opens-{day}"].FillAsync("00:00");
            await page[$"#closes-{day}"].FillAsync("23:45");
        }

        await page["#link-title-0"].FillAsync("Om nettlegen");
        await page["#link-url-0"].FillAsync("https://www.oslo.kommune.no/nettlege");
    }
}
