namespace ContextMemory.Faiss.Tests;

public sealed class LibraryInfoTests
{
    [Fact]
    public void Version_reports_faiss_1_7_3_a_known_flavour_and_the_abi()
    {
        Assert.Equal("1.7.3", FaissLibrary.FaissVersion);
        Assert.Contains(FaissLibrary.Flavor, new[] { "generic", "avx2" });
        Assert.Equal(2, FaissLibrary.AbiVersion);
        Assert.True(File.Exists(FaissLibrary.LibraryPath));
        Assert.NotEmpty(FaissLibrary.LoadNotes);
    }

    [Fact]
    public void Thread_settings_round_trip()
    {
        var original = FaissLibrary.OmpThreads;
        var originalThreshold = FaissLibrary.ParallelThreshold;
        try
        {
            FaissLibrary.OmpThreads = 1;
            Assert.Equal(1, FaissLibrary.OmpThreads);
            FaissLibrary.OmpThreads = 3;
            Assert.Equal(3, FaissLibrary.OmpThreads);

            FaissLibrary.ParallelThreshold = 64;
            Assert.Equal(64, FaissLibrary.ParallelThreshold);
            FaissLibrary.ParallelThreshold = 0;
            Assert.Equal(0, FaissLibrary.ParallelThreshold);

            FaissLibrary.SetBlasThreads(1);
        }
        finally
        {
            FaissLibrary.OmpThreads = original;
            FaissLibrary.ParallelThreshold = originalThreshold;
        }
    }

    [Fact]
    public void Invalid_thread_settings_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FaissLibrary.OmpThreads = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => FaissLibrary.ParallelThreshold = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => FaissLibrary.SetBlasThreads(0));
    }
}
