using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Blog.Web.Security;

/// <summary>
/// Reads a posted form once, before antiforgery and model binding do, and refuses the request with the status its
/// body deserves when it cannot be read: 413 when it is larger than the page allows, 400 when it is malformed. Without
/// this, antiforgery reports any unreadable body as a bad token (400 for a 200 MB body), and a page whose token came in
/// a header binds the half-read form and answers 200 with "Failed to read the request form".
/// Runs after the filters that raise a page's limits (<c>[RequestSizeLimit]</c>, <c>MediaUploadLimits</c>: order 900)
/// and before antiforgery (order 1000).
/// </summary>
public sealed partial class RequestBodyRefusals(ILogger<RequestBodyRefusals> logger) : IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>Also given where the filter is registered: a filter added by type is ordered by its registration.</summary>
    public const int FilterOrder = 950;

    public int Order => FilterOrder;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (!request.HasFormContentType || context.HttpContext.Features.Get<IFormFeature>()?.Form is not null)
        {
            return;
        }

        int status;
        try
        {
            await request.ReadFormAsync(context.HttpContext.RequestAborted);
            return;
        }
        catch (BadHttpRequestException error)
        {
            status = error.StatusCode;
            LogRefused(logger, request.Method, request.Path, status, error.Message);
        }
        catch (Exception error) when (error is InvalidDataException or IOException or FormatException or InvalidOperationException)
        {
            if (context.HttpContext.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            status = error.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? StatusCodes.Status413PayloadTooLarge
                : StatusCodes.Status400BadRequest;
            LogRefused(logger, request.Method, request.Path, status, error.Message);
        }

        context.Result = new StatusCodeResult(status);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path} with {Status}: its form could not be read ({Reason})")]
    private static partial void LogRefused(ILogger logger, string method, PathString path, int status, string reason);
}
