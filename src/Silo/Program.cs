using GitOps.Silo.Commands;
using GitOps.Silo.Hosting;

if (args is [ReencryptSecretsCommand.Name, .. var settings])
{
    using var interrupted = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; interrupted.Cancel(); };
    return await ReencryptSecretsCommand.RunAsync(settings, interrupted.Token);
}

// appsettings.json is read from the executable's directory, so the silo starts the same from any working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = SiloArguments.ToConfiguration(args), ContentRootPath = AppContext.BaseDirectory });
builder.AddGitOpsSilo();

var app = builder.Build();
app.MapGitOpsSilo();
app.Run();
return 0;

/// <summary>The entry point, public so functional tests can host the silo with WebApplicationFactory.</summary>
public partial class Program;
