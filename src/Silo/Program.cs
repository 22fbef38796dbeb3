using GitOps.Silo.Hosting;

// appsettings.json is read from the executable's directory, so the silo starts the same from any working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = SiloArguments.ToConfiguration(args), ContentRootPath = AppContext.BaseDirectory });
builder.AddGitOpsSilo();

var app = builder.Build();
app.MapGitOpsSilo();
app.Run();

/// <summary>The entry point, public so functional tests can host the silo with WebApplicationFactory.</summary>
public partial class Program;
