var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "StyleGallery");
app.Run();

public partial class Program;
