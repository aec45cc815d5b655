#!/usr/bin/env python3
"""Writes the deepset/prompt-injections corpus (README.md beside this file says where it comes from) in the corpora's
item format: the dataset's own `train` split becomes tuning/, its `test` split heldout/; label 1 goes to injection.txt,
label 0 to ordinary.txt, in the dataset's order, items separated by a line `%%`.

Usage: make-deepset.py TRAIN.jsonl TEST.jsonl  (each line {"text": ..., "label": 0|1}, as read from the parquet files)
"""
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
for split, source in (("tuning", sys.argv[1]), ("heldout", sys.argv[2])):
    rows = [json.loads(line) for line in open(source, encoding="utf-8")]
    os.makedirs(os.path.join(here, split), exist_ok=True)
    for label, name in ((1, "injection.txt"), (0, "ordinary.txt")):
        items = [row["text"].replace("\r\n", "\n").strip("\n") for row in rows if row["label"] == label]
        assert all("\n%%\n" not in item for item in items)
        with open(os.path.join(here, split, name), "w", encoding="utf-8", newline="\n") as out:
            out.write("\n%%\n".join(items) + "\n")
