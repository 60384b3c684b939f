#!/usr/bin/python3
"""scikit-learn reference baseline for the article-level verdict evaluation.

TF-IDF (word 1-2 grams) + logistic regression on title + "\\n" + text, scored
per fold of the leave-one-corpus-out ("loco") and site-disjoint ("sites")
schemes given by a folds file (written by `credence eval articles --folds-out`).
Needs Debian's python3-sklearn (run with /usr/bin/python3). Deterministic.
"""
import argparse
import json
import os
import re
import sys

try:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support, roc_auc_score
except ImportError as e:
    sys.exit(f"{e}: needs Debian's python3-sklearn (apt-get install -y python3-sklearn); "
             "run with /usr/bin/python3 if python3 is another interpreter")

CLASSES = ["reliable", "fake", "satire"]
SCHEMES = ["loco", "sites"]
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_DATA = os.path.join(REPO, "..", "shared", "datasets", "articles", "train.jsonl")


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def fnv1a32(s):
    h = 2166136261
    for b in s.encode("utf-8"):
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


def standin_folds(articles):
    """Development stand-in for the Go folds file: loco = dataset,
    sites = fnv1a32(key) % 5 with key site:<domain>, else item:<pair> for the
    perez-rosas2018/fakeNewsDataset fake/legit pairs (biz01.fake.txt and
    biz01.legit.txt -> biz01), else id:<id>."""
    out = []
    for a in articles:
        m = re.fullmatch(r"perez-rosas2018/fakeNewsDataset:(.+?)\.(?:fake|legit)\.txt", a["id"])
        if a.get("domain"):
            key = "site:" + a["domain"]
        elif m:
            key = "item:" + m.group(1)
        else:
            key = "id:" + a["id"]
        out.append({"id": a["id"], "loco": a["dataset"], "sites": fnv1a32(key) % 5})
    return out


def ece(p, y, bins=10):
    """Expected calibration error, equal-width bins; bin = min(floor(p*bins), bins-1)."""
    idx = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            total += m.sum() / len(p) * abs(p[m].mean() - y[m].mean())
    return float(total)


def score(gold, pred, p_rel):
    gold, pred = np.asarray(gold), np.asarray(pred)
    present = [c for c in CLASSES if c in set(gold)]
    r = {"n": int(len(gold)),
         "accuracy": float(accuracy_score(gold, pred)),
         # macro-F1 over the classes present in this fold's gold labels only
         "macro_f1": float(f1_score(gold, pred, labels=present, average="macro", zero_division=0))}
    P, R, F, S = precision_recall_fscore_support(gold, pred, labels=CLASSES, zero_division=0)
    per = {}
    for i, c in enumerate(CLASSES):
        npred = int((pred == c).sum())
        per[c] = {"support": int(S[i]), "predicted": npred,
                  "precision": float(P[i]) if npred else None,
                  "recall": float(R[i]) if S[i] else None,
                  "f1": float(F[i]) if S[i] else None}
    r["per_class"] = per
    y = (gold == "reliable").astype(float)
    r["auc_reliable"] = float(roc_auc_score(y, p_rel)) if 0 < y.sum() < len(y) else None
    r["ece_reliable"] = ece(p_rel, y)
    return r


def mean_of(rs):
    """Unweighted mean over folds of each figure, over the folds where it is defined."""
    def avg(vals):
        vals = [v for v in vals if v is not None]
        return float(np.mean(vals)) if vals else None
    m = {"n": sum(r["n"] for r in rs), "folds": len(rs)}
    for k in ["accuracy", "macro_f1", "auc_reliable", "ece_reliable"]:
        m[k] = avg([r[k] for r in rs])
    m["per_class"] = {c: {k: avg([r["per_class"][c][k] for r in rs]) for k in ["precision", "recall", "f1"]}
                      for c in CLASSES}
    return m


def run(articles, folds):
    docs = [(a.get("title") or "") + "\n" + (a.get("text") or "") for a in articles]
    gold = np.array([a["label"] for a in articles])
    results = {}
    for scheme in SCHEMES:
        keys = np.array([str(f[scheme]) for f in folds])
        res = {}
        for fold in sorted(set(keys), key=lambda k: (not k.isdigit(), int(k) if k.isdigit() else 0, k)):
            te = keys == fold
            tr = ~te
            vec = TfidfVectorizer(ngram_range=(1, 2))
            Xtr = vec.fit_transform([d for d, t in zip(docs, tr) if t])
            Xte = vec.transform([d for d, t in zip(docs, te) if t])
            clf = LogisticRegression(max_iter=1000).fit(Xtr, gold[tr])
            proba = clf.predict_proba(Xte)
            cls = list(clf.classes_)
            p_rel = proba[:, cls.index("reliable")] if "reliable" in cls else np.zeros(te.sum())
            r = score(gold[te], clf.predict(Xte), p_rel)
            r["train_classes"] = cls
            res[fold] = r
        res["mean"] = mean_of(list(res.values()))
        results[scheme] = res
    return results


def fmt(v, nd=3, na="n/a"):
    return na if v is None else f"{v:.{nd}f}"


def table(results):
    lines = ["| scheme | fold | n | acc | macro-F1 | reliable P/R/F1 | fake P/R/F1 | satire P/R/F1 | AUC(rel) | ECE(rel) |",
             "|---|---|---:|---:|---:|---|---|---|---:|---:|"]
    for scheme, res in results.items():
        for fold, r in res.items():
            prf = ["/".join(fmt(r["per_class"][c][k], 2, "–") for k in ["precision", "recall", "f1"]) for c in CLASSES]
            name = "**mean**" if fold == "mean" else fold
            lines.append(f"| {scheme} | {name} | {r['n']} | {fmt(r['accuracy'])} | {fmt(r['macro_f1'])} | "
                         + " | ".join(prf) + f" | {fmt(r['auc_reliable'])} | {fmt(r['ece_reliable'])} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=DEFAULT_DATA, help="articles JSONL (default: %(default)s)")
    ap.add_argument("--folds", help="folds JSONL: {id, loco, sites} per article")
    ap.add_argument("--json", metavar="OUT", help="write every figure as JSON {scheme: {fold: {...}}}")
    ap.add_argument("--write-standin-folds", metavar="OUT",
                    help="write the development stand-in folds file for --data and exit")
    args = ap.parse_args()
    articles = read_jsonl(args.data)
    # Articles without text are left out, as `credence eval articles` leaves
    # them out (train.jsonl has 31, all fake: scoring them would reward
    # whichever model learns that an empty text is fake).
    empty = [a for a in articles if not (a.get("text") or "").strip()]
    if empty and not args.write_standin_folds:
        print(f"note: {len(empty)} articles without text left out", file=sys.stderr)
        articles = [a for a in articles if (a.get("text") or "").strip()]
    if len({a["id"] for a in articles}) != len(articles):
        sys.exit("duplicate article ids in " + args.data)
    if args.write_standin_folds:
        with open(args.write_standin_folds, "w", encoding="utf-8") as f:
            for r in standin_folds(articles):
                f.write(json.dumps(r) + "\n")
        return
    if not args.folds:
        ap.error("--folds FILE is required")
    byid = {f["id"]: f for f in read_jsonl(args.folds)}
    missing = [a["id"] for a in articles if a["id"] not in byid]
    if missing:
        sys.exit(f"{len(missing)} articles have no line in {args.folds}, e.g. {missing[0]}")
    extra = len(byid) - len(articles)
    if extra:
        print(f"note: {extra} folds-file ids are not in {args.data}; ignored", file=sys.stderr)
    results = run(articles, [byid[a["id"]] for a in articles])
    print(table(results))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1, sort_keys=True)
            f.write("\n")


if __name__ == "__main__":
    main()
