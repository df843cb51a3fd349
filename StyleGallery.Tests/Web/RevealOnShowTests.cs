using Bunit;
using StyleGallery.Web.Components.Results;

namespace StyleGallery.Tests.Web;

public sealed class RevealOnShowTests : BunitPage
{
    [Fact]
    public void Each_new_key_is_revealed_once()
    {
        var module = JSInterop.SetupModule(RevealOnShow.Module);
        module.SetupVoid("reveal", _ => true);

        var reveal = Render<RevealOnShow>(p => p.Add(c => c.Key, "a").AddChildContent("<p class=\"picture\">painted</p>"));
        reveal.Render(p => p.Add(c => c.Key, "a"));
        Assert.Single(module.Invocations, i => i.Identifier == "reveal");

        reveal.Render(p => p.Add(c => c.Key, "b"));

        Assert.Equal(2, module.Invocations.Count(i => i.Identifier == "reveal"));
        Assert.Equal("painted", reveal.Find("p.picture").TextContent);
    }
}
