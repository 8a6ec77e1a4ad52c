using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.HtmlRendering.Infrastructure;

// BL0006: the renderer's root-component members are meant for hosts of Blazor, which this is. They may change between
// major versions; the page and component tests render through this class, so an upgrade that changes them fails there.
#pragma warning disable BL0006

namespace Blog.Web.Components;

/// <summary>
/// Writes the site's Razor components as HTML inside its pages. They are static: no interactivity, no injected
/// services, no asynchronous work. The framework's <c>&lt;component&gt;</c> tag helper sets up a whole Blazor renderer
/// for each request (navigation, authentication state, persistent state), which cost a post page more than all its
/// other rendering; here a few renderers are kept and lent to one render at a time.
/// Blazor's renderer takes scoped services (its activity source among them), so each kept renderer owns a service
/// scope of its own for as long as it lives, and never resolves anything from the root provider.
/// </summary>
public sealed class StaticComponentRenderer(IServiceScopeFactory scopes, ILoggerFactory loggers) : IDisposable
{
    private readonly ConcurrentBag<PooledRenderer> idle = [];

    /// <summary>Renders <paramref name="componentType"/> with <paramref name="parameters"/> to an HTML string.</summary>
    public async Task<string> RenderAsync(Type componentType, IDictionary<string, object?> parameters)
    {
        var renderer = idle.TryTake(out var kept) ? kept : PooledRenderer.Create(scopes, loggers);
        var reusable = false;
        try
        {
            var html = await renderer.Dispatcher.InvokeAsync(() => renderer.Render(componentType, parameters));
            reusable = !renderer.IsWornOut;
            return html;
        }
        finally
        {
            // A renderer whose render failed is not lent again; nor is one past its id budget.
            if (reusable && idle.Count < Environment.ProcessorCount * 4)
            {
                idle.Add(renderer);
            }
            else
            {
                await renderer.DisposeAsync();
            }
        }
    }

    public void Dispose()
    {
        while (idle.TryTake(out var renderer))
        {
            renderer.Dispose();
        }
    }

    private sealed class PooledRenderer : StaticHtmlRenderer
    {
        /// <summary>Component ids only grow: a renderer retires long before they could run out.</summary>
        private const int RootsPerRenderer = 50_000;

        private readonly StringBuilder html = new(4096);

        private readonly AsyncServiceScope scope;

        private int roots;

        private PooledRenderer(AsyncServiceScope scope, ILoggerFactory loggers)
            : base(scope.ServiceProvider, loggers) => this.scope = scope;

        public static PooledRenderer Create(IServiceScopeFactory scopes, ILoggerFactory loggers)
        {
            var scope = scopes.CreateAsyncScope();
            try
            {
                return new PooledRenderer(scope, loggers);
            }
            catch
            {
                scope.Dispose();
                throw;
            }
        }

        public bool IsWornOut => roots >= RootsPerRenderer;

        /// <summary>On the renderer's dispatcher: render, write, and let the component tree go.</summary>
        public string Render(Type componentType, IDictionary<string, object?> parameters)
        {
            roots++;
            var componentId = AssignRootComponentId(InstantiateComponent(componentType));
            try
            {
                var rendering = RenderRootComponentAsync(componentId, ParameterView.FromDictionary(parameters));
                if (!rendering.IsCompleted)
                {
                    throw new InvalidOperationException($"{componentType.Name} rendered asynchronously; the site's components must be static.");
                }

                rendering.GetAwaiter().GetResult();
                html.Clear();
                using (var writer = new StringWriter(html, CultureInfo.InvariantCulture))
                {
                    WriteComponentHtml(componentId, writer);
                }

                return html.ToString();
            }
            finally
            {
                RemoveRootComponent(componentId);
            }
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                scope.Dispose();
            }
        }
    }
}
