using System.Reflection;
using Blog.Web.Caching;
using Blog.Web.Data;
using Blog.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Caching;

/// <summary>
/// The page cache drops every query parameter a cacheable page has not declared, before the page sees it. These
/// conventions make forgetting a declaration a failing test rather than a parameter silently lost in production.
/// </summary>
public sealed class CachedPageConventionTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Every_cacheable_page_declares_every_query_parameter_it_binds()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<CachedPageAttribute>() is not null && e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath)
            .ToList();
        var loader = app.Services.GetRequiredService<PageLoader>();
        var undeclared = new List<string>();

        foreach (var page in endpoints)
        {
            var first = page.First();
            var declared = first.Metadata.GetMetadata<CachedPageAttribute>()!.VaryByQuery;
            // A value in any of the page's routes comes from its path; one in none of them can only come from the query.
            var routeValues = page.SelectMany(e => e.RoutePattern.Parameters).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var compiled = await loader.LoadAsync(first.Metadata.GetMetadata<PageActionDescriptor>()!, first.Metadata);

            var handlerInputs = compiled.HandlerMethods.Where(h => h.HttpMethod is null || string.Equals(h.HttpMethod, "Get", StringComparison.OrdinalIgnoreCase))
                .SelectMany(h => h.Parameters)
                .Select(p => (p.Name, p.ParameterType, p.BindingInfo?.BinderModelName, p.BindingInfo?.BindingSource));
            var boundProperties = compiled.BoundProperties.OfType<PageBoundPropertyDescriptor>()
                .Where(p => p.Property.GetCustomAttribute<BindPropertyAttribute>()?.SupportsGet == true || p.BindingInfo?.BindingSource == BindingSource.Query)
                .Select(p => (p.Name, p.ParameterType, p.BindingInfo?.BinderModelName, p.BindingInfo?.BindingSource));

            foreach (var (name, type, binderName, source) in handlerInputs.Concat(boundProperties))
            {
                var queryName = binderName ?? name;
                var fromQuery = source == BindingSource.Query || ((source is null || source == BindingSource.ModelBinding) && IsSimple(type) && !routeValues.Contains(queryName));
                if (fromQuery && !declared.Contains(queryName, StringComparer.OrdinalIgnoreCase))
                {
                    undeclared.Add($"{page.Key}: ?{queryName}");
                }
            }
        }

        Assert.Contains(endpoints, p => p.Key == "/Search");
        Assert.True(undeclared.Count == 0, "Declare these in [CachedPage(...)]: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void Every_cacheable_endpoint_declares_every_query_parameter_it_binds()
    {
        var undeclared = new List<string>();
        foreach (var endpoint in app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                     .Where(e => e.Metadata.GetMetadata<CachedPageAttribute>() is not null && e.Metadata.GetMetadata<MethodInfo>() is not null))
        {
            var declared = endpoint.Metadata.GetMetadata<CachedPageAttribute>()!.VaryByQuery;
            var routeValues = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in endpoint.Metadata.GetMetadata<MethodInfo>()!.GetParameters())
            {
                var queryName = parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.Name!;
                var fromQuery = parameter.IsDefined(typeof(FromQueryAttribute)) || (IsSimple(parameter.ParameterType) && !routeValues.Contains(queryName));
                if (fromQuery && !declared.Contains(queryName, StringComparer.OrdinalIgnoreCase))
                {
                    undeclared.Add($"{endpoint.RoutePattern.RawText}: ?{queryName}");
                }
            }
        }

        Assert.True(undeclared.Count == 0, "Declare these with CacheForReaders(...): " + string.Join(", ", undeclared));
    }

    [Fact]
    public void Our_entities_are_public_unless_marked_hidden_where_they_are_defined()
    {
        var model = app.Services.CreateScope().ServiceProvider.GetRequiredService<BlogDbContext>().Model;
        var hidden = model.GetEntityTypes().Select(e => e.ClrType).Where(t => t.Assembly == typeof(BlogDbContext).Assembly)
            .Where(ContentChangeInterceptor.IsHiddenFromReaders).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["Autosave", "BlogUser", "ContentRevision", "ImportRun", "ImportedItem", "Lease", "Mailing", "OutboxMessage", "Subscriber"], hidden);
        Assert.False(ContentChangeInterceptor.IsHiddenFromReaders(typeof(Blog.Web.Posts.Post)));
        Assert.False(ContentChangeInterceptor.IsHiddenFromReaders(typeof(UnmarkedEntity)));
    }

    private static bool IsSimple(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(decimal)
            || underlying == typeof(DateTime) || underlying == typeof(DateOnly) || underlying == typeof(Guid);
    }

    private sealed class UnmarkedEntity;
}
