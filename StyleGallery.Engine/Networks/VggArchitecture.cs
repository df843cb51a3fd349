namespace StyleGallery.Engine.Networks;

/// <summary>The two VGG loss networks of Simonyan &amp; Zisserman (2015) that style transfer uses.</summary>
public enum VggArchitecture { Vgg16, Vgg19 }

/// <summary>How the feature extractor downsamples between blocks.</summary>
public enum VggPooling
{
    /// <summary>2×2 stride-2 max-pooling, as the network was trained.</summary>
    Max,

    /// <summary>2×2 stride-2 average pooling, which Gatys et al. (2016) report gives slightly better synthesis.</summary>
    Average,
}
