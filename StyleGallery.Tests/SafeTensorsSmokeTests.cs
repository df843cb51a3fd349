using StyleGallery.Engine.Models;
using StyleGallery.Tests.Support;

namespace StyleGallery.Tests;

[Collection(TorchCollection.Name)]
public class SafeTensorsSmokeTests
{
    [Fact]
    public void Reads_the_shared_udnie_network()
    {
        var file = SafeTensorsFile.Open(SharedData.Fast("udnie"));
        Assert.Equal(48, file.Entries.Count);
        Assert.Equal(1_677_638, file.Entries.Sum(e => e.ElementCount));
    }
}
