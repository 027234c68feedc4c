"""`publish audit`: check every document in an archive, on this machine or a Dask cluster, and
report on it for the people who must fix it: publish.audit.run lints into findings.jsonl,
publish.audit.report writes findings.sarif and report.html from it, publish.audit.command is
the subcommand. Nothing heavy is imported here, so `publish --help` stays quick."""
