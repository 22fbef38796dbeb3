using CsCheck;

namespace GitOps.Model.Tests.Fuzzing;

/// <summary>
/// The reader is fed every corpus and example file cut at every byte offset, and randomly mutated ones: no exception may
/// escape it, and every error must be located inside the file. Inputs these tests found are kept in
/// <see cref="Manifests.ManifestFuzzFindingsTests"/>.
/// </summary>
public sealed class ManifestReaderFuzzTests
{
    // About 205,000 cuts, about 1 GB of YAML read: some 30 s on two cores, the price of every offset.
    [Fact]
    public void Every_file_cut_at_every_byte_offset_reads_into_documents_and_located_errors()
    {
        var failures = new List<string>();
        var cases = 0;
        Parallel.ForEach(FuzzCorpus.Files, file =>
        {
            for (var length = 0; length <= file.Content.Length; length++)
            {
                Interlocked.Increment(ref cases);
                try
                {
                    ManifestReaderCheck.Read(file.Name, file.Content.AsSpan(0, length));
                }
                catch (InvalidOperationException e)
                {
                    lock (failures)
                        failures.Add($"{file.Name} cut at {length}: {e.Message}");
                }
            }
        });
        Assert.True(cases > 150_000, $"expected the whole corpus, cut {cases} times");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cuts failed; first ones:\n{string.Join("\n\n", failures.Take(5))}");
    }

    [Fact]
    public void Randomly_mutated_files_read_into_documents_and_located_errors()
    {
        var files = FuzzCorpus.Files;
        var mutation = Gen.Select(
            Gen.Enum<MutationKind>(), Gen.Double.Unit, Gen.Int[1, 64], Gen.Byte, Gen.OneOf(ManifestMutation.Tokens),
            (kind, at, length, b, token) => new ManifestMutation(kind, at, length, b, token));
        Gen.Select(Gen.Int[0, files.Count - 1], mutation.Array[1, 8])
            .Sample((fileIndex, mutations) =>
            {
                var file = files[fileIndex];
                var content = mutations.Aggregate(file.Content, (bytes, m) => m.Apply(bytes));
                ManifestReaderCheck.Read(file.Name, content);
            }, iter: 20_000, print: t => $"{files[t.Item1].Name} with {string.Join(", ", t.Item2)}");
    }
}
