"""The night's run summary: what the CLI prints, the flow returns and the exit code encodes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1
    USAGE = 2
    COMPLETED_WITH_QUARANTINE = 3
    TABLE_BLOCKED = 4


@dataclass
class NightSummary:
    run_id: str
    night: str
    input_dir: str
    warehouse_dir: str
    status: str = "ok"  # ok | up_to_date | quarantined_input | blocked
    files_seen: int = 0
    skipped_published: int = 0
    quarantined: int = 0
    documents: int = 0
    non_english: int = 0
    entities: int = 0
    events: int = 0
    tables_published: list[str] = field(default_factory=list)
    tables_blocked: list[str] = field(default_factory=list)
    dq_critical_failures: list[str] = field(default_factory=list)
    dq_warnings: list[str] = field(default_factory=list)
    quarantine_reasons: list[str] = field(default_factory=list)
    rolled_back_runs: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def finalise(self) -> None:
        if self.status == "up_to_date":
            return
        if self.tables_blocked:
            self.status = "blocked"
        elif self.quarantined:
            self.status = "quarantined_input"
        else:
            self.status = "ok"

    @property
    def exit_code(self) -> ExitCode:
        return {
            "ok": ExitCode.OK,
            "up_to_date": ExitCode.OK,
            "quarantined_input": ExitCode.COMPLETED_WITH_QUARANTINE,
            "blocked": ExitCode.TABLE_BLOCKED,
        }[self.status]

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> NightSummary:
        return cls(**data)  # type: ignore[arg-type]

    def render(self) -> str:
        lines = [
            f"Nightwire run {self.run_id} for night {self.night}: {self.status.upper()}",
            f"  input      {self.input_dir}",
            f"  warehouse  {self.warehouse_dir}",
            f"  files seen {self.files_seen}  (already published, skipped: "
            f"{self.skipped_published}; quarantined: {self.quarantined})",
            f"  documents  {self.documents}  (non-English, not extracted: {self.non_english})",
            f"  entities   {self.entities}",
            f"  events     {self.events}",
            f"  published  {', '.join(self.tables_published) or '-'}",
            f"  {self.seconds:.1f} s",
        ]
        if self.tables_blocked:
            lines.append(
                f"  BLOCKED by critical data-quality failures: {', '.join(self.tables_blocked)}"
            )
        lines += [f"  ! {failure}" for failure in self.dq_critical_failures]
        lines += [f"  ~ warning: {warning}" for warning in self.dq_warnings]
        lines += [f"  quarantined: {reason}" for reason in self.quarantine_reasons]
        return "\n".join(lines)
