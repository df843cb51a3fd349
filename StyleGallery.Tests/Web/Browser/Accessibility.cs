using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace StyleGallery.Tests.Web.Browser;

/// <summary>An axe-core scan of the page as it is now.</summary>
public static class Accessibility
{
    /// <summary>
    /// Issue 25's standard: WCAG 2.0, 2.1 and 2.2 A and AA, and axe's best practices. <c>label-content-name-mismatch</c>
    /// (WCAG 2.5.3, a control's accessible name contains its visible text) is one of axe's experimental rules, which tags
    /// alone leave out, so it is turned on by name.
    /// </summary>
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

    public static async Task AssertNoSeriousViolationsAsync(IPage page) => Assert(page, await ScanAsync(page), v => v.Impact is "serious" or "critical");

    /// <summary>No violation of any impact, minor included, of <see cref="Tags"/>.</summary>
    public static async Task AssertNoViolationsAsync(IPage page) => Assert(page, await ScanAsync(page), _ => true);

    private static Task<AxeResult> ScanAsync(IPage page) => page.RunAxe(new AxeRunOptions
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] },
        Rules = new Dictionary<string, RuleOptions> { ["label-content-name-mismatch"] = new() { Enabled = true } },
    });

    private static void Assert(IPage page, AxeResult result, Func<AxeResultItem, bool> counts)
    {
        var violations = result.Violations
            .Where(counts)
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help}:\n{string.Join("\n", v.Nodes.Select(n => $"    {string.Join(" ", n.Target)}: {n.Html}\n      {Why(n)}"))}")
            .ToList();
        Xunit.Assert.True(violations.Count == 0, $"{page.Url}\n{string.Join("\n", violations)}");
    }

    private static string Why(AxeResultNode node) =>
        string.Join("; ", new[] { node.Any, node.All, node.None }.Where(c => c is not null).SelectMany(c => c).Select(c => c.Message));
}
