from nightwire.progress import Progress


def test_a_line_per_step_of_documents_with_counts_rate_and_memory() -> None:
    now = [100.0]
    progress = Progress(step=100, clock=lambda: now[0], memory_mib=lambda: 512.0)
    now[0] = 110.0
    assert progress.update(64, 3_000, 2) is None  # 64 < 100
    line = progress.update(64, 3_100, 5)  # 128 crosses 100
    assert line == (
        "128 documents parsed (12.8/s over 10 s): 6,100 entities, 7 events; flow process 512 MiB"
    )
    assert progress.update(64, 0, 0) is None  # 192: next line at 200
    now[0] = 120.0
    assert progress.update(300, 0, 0) is not None  # 492 jumps past 200, 300 and 400
    assert progress.update(7, 0, 0) is None  # 499: next line at 500, not 300
    assert progress.update(1, 0, 0) is not None


def test_the_real_memory_reading_is_the_process_rss() -> None:
    line = Progress(step=1).update(1, 0, 0)
    assert line is not None
    mib = float(line.rsplit("flow process ", 1)[1].removesuffix(" MiB"))
    assert 10 < mib < 100_000
