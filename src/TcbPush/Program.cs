using TcbPush.Cli;

return await CliApp.RunAsync(args);
