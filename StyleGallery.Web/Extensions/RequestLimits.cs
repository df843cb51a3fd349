using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using StyleGallery.Web.Services;
using StyleGallery.Web.Services.Limits;

namespace StyleGallery.Web.Extensions;

/// <summary>
/// Bounded request bodies (issue 18 point 6), from <see cref="RequestLimitSettings"/>: Kestrel's largest body and the
/// form reader's limits set explicitly, and a body that says it is larger refused with 413 and a problem before any of
/// it is read (Kestrel stops a body without a declared length at the same size). The SignalR and circuit message
/// limits are set where those are added (<see cref="StyleGalleryExtensions.AddStyleGallery"/>).
/// </summary>
public static class RequestLimits
{
    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder, RequestLimitSettings limits, StyleGalleryWebOptions web)
    {
        var body = limits.RequestBodyBytes(web);
        builder.Services.AddSingleton(limits);
        builder.Services.AddSingleton<IFreeSpaceProbe, DriveFreeSpaceProbe>();
        builder.Services.AddSingleton<DiskSpaceGuard>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = body);
        builder.Services.Configure<FormOptions>(form =>
        {
            form.MultipartBodyLengthLimit = body;
            form.ValueLengthLimit = limits.MaxFormValueBytes;
            form.ValueCountLimit = limits.MaxFormFields;
            form.KeyLengthLimit = 256;
            form.MultipartHeadersLengthLimit = 16 * 1024;
        });
        return builder;
    }

    /// <summary>First after forwarded headers, so nothing reads a body that is too large.</summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        var body = app.Services.GetRequiredService<RequestLimitSettings>().RequestBodyBytes(app.Services.GetRequiredService<StyleGalleryWebOptions>());
        app.Use((context, next) => context.Request.ContentLength > body ? TooLarge(context, body) : next(context));
        return app;
    }

    private static Task TooLarge(HttpContext context, long limit)
    {
        var megabytes = (limit / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture);
        return Results.Problem($"The request is larger than this app accepts ({megabytes} MB).", statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request too large").ExecuteAsync(context);
    }
}
