using TcbPush.Server.Push;
using TcbPush.Server.Push.Delivery;

namespace TcbPush.Tests.Hardening;

/// <summary>Many slow or hanging targets can never hold every delivery slot: each target gets its fair share.</summary>
public sealed class FairShareTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void With_more_targets_than_the_global_limit_serves_at_the_per_target_rate_each_gets_an_equal_part()
    {
        var claim = Claim(max: 64, inFlight: []);

        Assert.Equal(3, claim.FreeFor("http://healthy/", targetsWithWork: 21));
    }

    [Fact]
    public void Forty_hanging_targets_leave_a_slot_for_a_healthy_one()
    {
        var hanging = Enumerable.Range(0, 40).ToDictionary(i => $"http://hang/{i}", _ => 1);
        var claim = Claim(max: 64 - 40, inFlight: hanging);

        Assert.Equal(0, claim.FreeFor("http://hang/0", targetsWithWork: 41));
        Assert.Equal(1, claim.FreeFor("http://healthy/", targetsWithWork: 41));
    }

    [Fact]
    public void Few_targets_keep_the_per_target_limit()
    {
        Assert.Equal(4, Claim(max: 64, inFlight: []).FreeFor("http://a/", targetsWithWork: 2));
    }

    [Fact]
    public void A_target_has_one_attempt_in_flight_until_it_answers_then_twice_as_many_per_delivered_one()
    {
        var ramp = new TargetRamp(perTargetLimit: 4);
        int Free() => (Claim(max: 64, inFlight: []) with { Ramp = ramp.Allowances() }).FreeFor("http://a/", targetsWithWork: 1);

        Assert.Equal(1, Free());
        ramp.Report("http://a/", delivered: true);
        Assert.Equal(2, Free());
        ramp.Report("http://a/", delivered: true);
        ramp.Report("http://a/", delivered: true);
        Assert.Equal(4, Free());
        ramp.Report("http://a/", delivered: false);
        Assert.Equal(1, Free());
    }

    [Fact]
    public void Candidates_are_taken_one_target_at_a_time()
    {
        var claim = Claim(max: 4, inFlight: []);

        var taken = claim.TakeInTurn([[1, 2, 3, 4, 5], [10], [20, 21]]);

        Assert.Equal([1, 10, 20, 2], taken);
    }

    private static DeliveryClaim Claim(int max, Dictionary<string, int> inFlight) =>
        new(Now, Now + TimeSpan.FromSeconds(30), max, PerTargetLimit: 4, inFlight, GlobalLimit: 64);
}
