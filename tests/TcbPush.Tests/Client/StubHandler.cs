using System.Collections.Concurrent;
using System.Text;

namespace TcbPush.Tests.Client;

/// <summary>
/// Answers every request with the next canned body for its path (the last one repeats), HTTP 200 JSON,
/// for wire quirks a real TcbPush server does not produce. Records what it received.
/// </summary>
public sealed class StubHandler : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, Queue<string>> answers = new();
    private readonly ConcurrentQueue<(string Path, string Query, DateTimeOffset At)> received = new();
    private readonly TimeProvider time;

    public StubHandler(TimeProvider? time = null) => this.time = time ?? TimeProvider.System;

    public IReadOnlyList<(string Path, string Query, DateTimeOffset At)> Received => received.ToArray();

    public StubHandler Answer(string path, params string[] bodies)
    {
        answers[path] = new Queue<string>(bodies);
        return this;
    }

    public int Count(string path) => Received.Count(r => r.Path == path);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        received.Enqueue((path, request.RequestUri.Query, time.GetUtcNow()));
        string body;
        lock (answers)
        {
            var queue = answers.TryGetValue(path, out var q) ? q : throw new InvalidOperationException($"no answer for {path}");
            body = queue.Count > 1 ? queue.Dequeue() : queue.Peek();
        }
        return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        });
    }
}
