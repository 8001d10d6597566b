using CitizenServices.Functions.AccessLog;
using CitizenServices.Functions.AdminWeb;
using CitizenServices.Functions.Backup;
using CitizenServices.Functions.Consent;
using CitizenServices.Functions.Cors;
using CitizenServices.Functions.Booking;
using CitizenServices.Functions.CareRelations;
using CitizenServices.Functions.Fullmakt;
using CitizenServices.Functions.Events;
using CitizenServices.Functions.Guardianship;
using CitizenServices.Functions.Health;
using CitizenServices.Functions.Housekeeping;
using CitizenServices.Functions.Nettlege;
using CitizenServices.Functions.Representation;
using CitizenServices.Infrastructure.Organisations;
using CitizenServices.Functions.PopulationRegister;
using CitizenServices.Infrastructure.PopulationRegister;
using Scalar.AspNetCore;

namespace CitizenServices.Functions.Hosting;

/// <summary>The composition root: what the handler is made of and the order requests pass through it.</summary>
public static class CitizenServicesApp
{
    public static WebApplicationBuilder AddCitizenServices(this WebApplicationBuilder builder)
    {
        builder.AddCitizenServicesTelemetry();
        builder.Services.AddCitizenServicesProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddCitizenServicesStorage(builder.Configuration);
        builder.Services.AddCitizenServicesHealth(builder.Configuration);
        builder.Services.AddSeedFileOrganisationRegister(builder.Configuration);
        builder.Services.AddSeedFileRegularGpRegister(builder.Configuration);
        builder.Services.AddPopulationRegister(builder.Configuration);
        builder.Services.AddCitizenServicesOpenApi();
        builder.Services.AddSectorOpenApi();
        builder.AddCitizenServicesAuthentication();
        builder.Services.AddDenyByDefaultAuthorization();
        builder.Services.AddCitizenServicesCors(builder.Configuration);
        builder.Services.AddScoped(sp => new SubjectAccessDecider(
            sp.GetServices<IRepresentationSource>(), sp.GetRequiredService<ISubjectRecords>(),
            sp.GetRequiredService<Application.PopulationRegister.IPopulationRegister>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddAccessLog();
        builder.Services.AddFullmakt();
        builder.Services.AddGuardianship();
        builder.Services.AddCareRelations();
        builder.Services.AddRepresentation();
        builder.Services.AddCitizenServicesEvents(builder.Configuration);
        builder.Services.AddBooking(builder.Configuration);
        builder.Services.AddHousekeeping();
        builder.Services.AddConsent(builder.Configuration);
        builder.Services.AddNettlege(builder.Configuration);
        builder.Services.AddBackup();
        return builder;
    }

    public static WebApplication UseCitizenServices(this WebApplication app)
    {
        app.UseCorrelationId();
        app.UseRequestLog();
        app.UseCitizenServicesProblemDetails();
        app.UseCitizenServicesCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<SubjectAccessMiddleware>();

        // Every endpoint validates its request body against the body's declared constraints before it runs. Each module maps
        // one route group per audience; the groups are mapped in the order their tags are listed in contracts/openapi.json.
        var api = app.MapGroup(string.Empty).AddEndpointFilterFactory(RequestBodyValidation.Filter);
        api.MapHealthApi();
        api.MapAccessLogApi();
        api.MapFullmaktApi();
        api.MapRepresentationApi();
        api.MapBookingApi();
        api.MapConsentApi();
        api.MapNettlegeApi();
        api.MapCareRelationsApi();

        // The modules' invoked functions (Service Bus and timers), each declared once in its module's Add method.
        api.MapInvokedFunctions();

        // The admin web's static pages (and, in Development only, its development sign-in): public files, data from the API above.
        app.MapAdminWeb();
        if (app.Environment.IsDevelopment())
        {
            // The API reference for local development: the document at /openapi/v1.json, the interactive page at /scalar/v1.
            app.MapOpenApi().AllowAnonymous();
            app.MapScalarApiReference().AllowAnonymous();
        }

        return app;
    }
}
