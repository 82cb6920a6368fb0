using System.Collections.Concurrent;

namespace TcbPush.Server.Credentials;

/// <summary>
/// This node's view of each subject's recent generations, so that checking a token costs no database round trip.
/// An entry is reloaded after <see cref="TokenPolicy.GenerationCacheLifetime"/> or when a token names a newer
/// generation than it knows: another node sharing the database may have issued one. Because the lifetime is far
/// below the 5-minute overlap, a stale entry can never keep a superseded token alive past its overlap.
/// </summary>
internal sealed class TokenGenerationCache(ITokenStore store, TimeProvider time)
{
    private readonly ConcurrentDictionary<(TokenKind, string), Entry> entries = new();

    public async Task<Entry> GetAsync(TokenKind kind, string subject, long atLeastGeneration)
    {
        var now = time.GetUtcNow();
        if (entries.TryGetValue((kind, subject), out var entry) &&
            now - entry.LoadedAt < TokenPolicy.GenerationCacheLifetime && entry.Latest >= atLeastGeneration)
        {
            return entry;
        }
        return await ReloadAsync(kind, subject);
    }

    public async Task<Entry> ReloadAsync(TokenKind kind, string subject)
    {
        var now = time.GetUtcNow();
        var recent = await store.RecentAsync(kind.ToString(), subject, now - TokenPolicy.Overlap);
        var entry = new Entry(recent, now);
        entries[(kind, subject)] = entry;
        return entry;
    }

    public void Forget(TokenKind kind, string subject) => entries.TryRemove((kind, subject), out _);

    /// <summary>A subject's latest generation and those issued within the overlap window before <see cref="LoadedAt"/>.</summary>
    internal sealed record Entry(IReadOnlyList<TokenGeneration> Recent, DateTimeOffset LoadedAt)
    {
        public long Latest => Recent.Count == 0 ? 0 : Recent[0].Generation;

        /// <summary>The subject's revocation marker: this generation and every earlier one answer 40014.</summary>
        public long RevokedThrough => Recent.FirstOrDefault(g => g.Revoked)?.Generation ?? 0;

        public TokenGeneration? Find(long generation) => Recent.FirstOrDefault(g => g.Generation == generation);
    }
}
