using Microsoft.Playwright;

namespace CitizenServices.EndToEndTests.AdminWeb;

/// <summary>
/// The admin web as staff reach it: the LocalHost over the real function.json files (function <c>AdminWeb</c> and the API
/// functions), the handler process in Development with its development sign-in, a storage account of its own, and one
/// headless Chromium from the operating system's packages (<c>/usr/bin/chromium</c>; Playwright downloads no browser)
/// for the class. Each test opens its own browser context, so no sign-in or page state leaks between tests.
/// </summary>
public sealed class AdminWebHost : IAsyncLifetime
{
    /// <summary>Where the browser is: Debian's chromium package (.ci/run installs it), or CHROMIUM_PATH.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    private EventsHost? _host;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress => _host?.Host.BaseAddress ?? throw new InvalidOperationException("Not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    /// <summary>axe-core from npm (package.json), injected into every page the tests check.</summary>
    public string AxeSource { get; } = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "node_modules", "axe-core", "axe.min.js"));

    /// <summary>Screenshots go beside the test results that scripts/test.sh collects (artifacts/test-results).</summary>
    public string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot.Find(), "artifacts", "test-results", "admin-web");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"No Chromium at {ChromiumPath}: install Debian's package (apt-get install -y chromium), as .ci/run does.");
        }

        Directory.CreateDirectory(ScreenshotFolder);

        // The same patience for an expectation as for an action (15 s, OpenAsync) instead of Playwright's 5 s: the class
        // runs beside others on two cores, and an expectation that holds is answered as soon as it holds.
        Assertions.SetDefaultExpectTimeout(15_000);
        var starting = StartHostAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ["--lang=nb-NO"] });
        _host = await starting;
    }

    /// <summary>
    /// Entra ID's endpoints for the admin web's sign-in. The .test domain never resolves: the browser tests answer these
    /// requests themselves (<see cref="EntraDouble"/>), so nothing leaves the machine.
    /// </summary>
    public const string EntraAuthority = "https://login.entra.test/00000000-0000-0000-0000-000000000001/oauth2/v2.0";

    public const string AdminWebClientId = "5e6f7a8b-0000-4000-8000-000000000003";

    private static async Task<EventsHost> StartHostAsync() => await EventsHost.StartAsync(
        await Storage.CreateAsync(),
        sweepEnabled: false,
        settings: new Dictionary<string, string> { ["AdminWeb__ClientId"] = AdminWebClientId, ["AdminWeb__Authority"] = EntraAuthority });

    /// <summary>A new browser context (its own sessionStorage) in Norwegian and Oslo time, and a page in it.</summary>
    public async Task<AdminPage> OpenAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "nb-NO",
            TimezoneId = "Europe/Oslo",
            ViewportSize = new ViewportSize { Width = 1100, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return new AdminPage(this, context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

/// <summary>One page of the admin web in its own context, with the checks every page gets: axe-core and no script errors.</summary>
public sealed class AdminPage : IAsyncDisposable
{
    /// <summary>WCAG 2.0 and 2.1, levels A and AA: what Norwegian regulations on universal design require.</summary>
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private readonly AdminWebHost _host;
    private readonly IBrowserContext _context;
    private readonly List<string> _scriptErrors = [];

    public AdminPage(AdminWebHost host, IBrowserContext context, IPage page)
    {
        _host = host;
        _context = context;
        Page = page;
        // A blocked script (Content-Security-Policy), a failed module import or an uncaught error is a defect of the page.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("status of 4", StringComparison.Ordinal))
            {
                _scriptErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => _scriptErrors.Add(error);
    }

    public IPage Page { get; }

    public IBrowserContext Context => _context;

    public ILocator this[string selector] => Page.Locator(selector);

    public async Task GoToAsync(string path)
    {
        await Page.GotoAsync("api/admin/" + path);
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Signs in with the development sign-in, using only the keyboard: check the roles, type the municipality, press Enter.</summary>
    public async Task SignInAsync(string municipality, params string[] roles)
    {
        await GoToAsync(string.Empty);
        foreach (var role in roles)
        {
            await Page.Locator($"input[name=roles][value='{role}']").FocusAsync();
            await Page.Keyboard.PressAsync("Space");
        }

        await Page.Locator("#municipality").FocusAsync();
        await Page.Keyboard.PressAsync("Control+A");
        await Page.Keyboard.TypeAsync(municipality);
        await Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Page.Locator("#signed-in")).ToBeVisibleAsync();
    }

    /// <summary>Runs axe-core on the page as it is now and fails on any WCAG 2.1 A/AA violation, naming each rule and element.</summary>
    public async Task AssertAccessibleAsync(string state)
    {
        if (!await Page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            // Evaluated over the DevTools protocol, so the page's own Content-Security-Policy (no inline script) still holds.
            await Page.EvaluateAsync(_host.AxeSource);
        }

        var violations = await Page.EvaluateAsync<JsonElement>(
            """
            async (tags) => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
              return {
                passed: result.passes.length,
                violations: result.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`),
              };
            }
            """,
            WcagTags);
        // Rules that passed: axe ran over this page's content, not over an empty or unloaded document.
        Assert.True(violations.GetProperty("passed").GetInt32() > 5, $"axe-core checked almost nothing on {state}");
        var found = violations.GetProperty("violations").EnumerateArray().Select(v => v.GetString()!).ToList();
        Assert.True(found.Count == 0, $"axe-core found WCAG 2.1 A/AA violations on {state}:\n{string.Join('\n', found)}");
        Assert.True(_scriptErrors.Count == 0, $"script errors on {state}:\n{string.Join('\n', _scriptErrors)}");
    }

    /// <summary>Checks the page with axe-core and keeps a full-page screenshot as a test artifact.</summary>
    public async Task CheckAndCaptureAsync(string name)
    {
        await AssertAccessibleAsync(name);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(_host.ScreenshotFolder, name + ".png"), FullPage = true });
    }

    /// <summary>The element that has keyboard focus, by id.</summary>
    public Task<string> FocusedIdAsync() => Page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''");

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
