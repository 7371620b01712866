#!/usr/bin/python3
"""tests/verify/diff_openssl.py - certverify against `openssl verify` on
random PKIs (gen_pki.py), and every disagreement classified.

For case i of a run with seed S the case seed is S * 1000003 + i; it is
the reproducer: `gen_pki.py CASE_SEED DIR` writes that case again and the
two commands this script prints with --show run on it.

    certverify --anchors root.pem [--untrusted untrusted.pem] [--crl crls.pem]
               [--purpose P] [--name N] --at AT --json leaf.pem
    openssl verify -x509_strict -policy_check -policy 2.5.29.32.0 -CAfile root.pem
               [-untrusted untrusted.pem] [-crl_check_all -extended_crl -CRLfile crls.pem]
               [-purpose sslserver|sslclient] [-verify_hostname N] -attime AT leaf.pem

-policy_check because OpenSSL skips the policy tree without it; -policy
anyPolicy because without it OpenSSL's user-constrained policy set stays
empty (it does not start from RFC 5280 6.1.1 (c)'s {anyPolicy}), so any
requireExplicitPolicy fails the path whatever the policies; and
-extended_crl because without it OpenSSL ignores indirect CRLs and
distribution-point scopes, which RFC 5280 6.3 has certverify use.

Each disagreement is matched against the rules of --known
(differences.txt): "ours | openssl | trait | class | why" where ours is
certverify's error name or "valid", openssl a piece of OpenSSL's first
error text or "OK", trait a regular expression one of the case's traits
must match (or "*"), and class rfc (the RFC says so and we follow it),
openssl (OpenSSL's known behaviour) or bug (ours; the rule names it).
The exit status is 1 when a disagreement matches no rule, else 0.

    diff_openssl.py --certverify PATH [--n 300] [--seed 1] [--known FILE]
                    [--keep DIR] [--show]
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_pki  # noqa: E402

ANY_POLICY = "2.5.29.32.0"
AT_EPOCH = int(gen_pki.AT.replace(tzinfo=__import__("datetime").timezone.utc).timestamp())


def load_rules(path):
    rules = []
    if not path:
        return rules
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 5:
                sys.exit("%s: not 5 fields: %s" % (path, line))
            rules.append(parts)
    return rules


def commands(cv, d, case):
    j = lambda n: os.path.join(d, n)
    has_inter = os.path.getsize(j("untrusted.pem")) > 0
    has_crl = os.path.exists(j("crls.pem"))
    ours = [cv, "--anchors", j("root.pem"), "--at", case["at"], "--json"]
    theirs = ["openssl", "verify", "-x509_strict", "-policy_check", "-policy", ANY_POLICY,
              "-CAfile", j("root.pem"),
              "-attime", str(AT_EPOCH)]
    if has_inter:
        ours += ["--untrusted", j("untrusted.pem")]
        theirs += ["-untrusted", j("untrusted.pem")]
    if has_crl:
        ours += ["--crl", j("crls.pem")]
        theirs += ["-crl_check_all", "-extended_crl", "-CRLfile", j("crls.pem")]
    if case["purpose"] != "any":
        ours += ["--purpose", case["purpose"]]
        theirs += ["-purpose", "ssl" + case["purpose"]]
    if case["name"]:
        ours += ["--name", case["name"]]
        theirs += ["-verify_hostname", case["name"]]
    return ours + [j("leaf.pem")], theirs + [j("leaf.pem")]


def run_ours(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode == 2 or not p.stdout.strip():
        return "ERROR(%d): %s" % (p.returncode, p.stderr.strip())
    v = json.loads(p.stdout.splitlines()[0])
    return "valid" if v["verdict"] == "valid" else v["error"]


def run_openssl(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode == 0:
        return "OK"
    m = re.search(r"error (\d+) at (\d+) depth lookup: (.*)", p.stdout + p.stderr)
    return "%s (depth %s)" % (m.group(3), m.group(2)) if m else (p.stdout + p.stderr).strip()


def classify(rules, ours, theirs, traits):
    for r in rules:
        if r[0] not in ("*", ours):
            continue
        if r[1] != "*" and r[1] not in theirs:
            continue
        if r[2] != "*" and not any(re.search(r[2], t) for t in traits):
            continue
        return r
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--certverify", required=True)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--known")
    ap.add_argument("--keep", help="keep the cases that disagree under this directory")
    ap.add_argument("--show", action="store_true", help="print both commands of each disagreement")
    a = ap.parse_args()
    if not shutil.which("openssl"):
        print("SKIP: no openssl")
        return 77
    rules = load_rules(a.known)
    tally = collections.Counter()
    by_rule = collections.Counter()
    unclassified = []
    examples = {}
    work = tempfile.mkdtemp(prefix="diff-openssl-")
    try:
        for i in range(a.n):
            seed = a.seed * 1000003 + i
            d = os.path.join(work, str(seed))
            case = gen_pki.make_case(seed, d)
            cmd_ours, cmd_theirs = commands(a.certverify, d, case)
            ours, theirs = run_ours(cmd_ours), run_openssl(cmd_theirs)
            agree = (ours == "valid") == (theirs == "OK")
            # OpenSSL's error at the anchor's depth (it checks the anchor
            # too): a trait the rules can ask for.
            if theirs.endswith("(depth %d)" % (case["intermediates"] + 1)):
                case["traits"].append("openssl-at-anchor")
            tally["agree-valid" if agree and ours == "valid" else
                  "agree-invalid" if agree else "disagree"] += 1
            if not agree:
                r = classify(rules, ours, theirs, case["traits"])
                key = (r[3], r[4]) if r else ("UNCLASSIFIED", "%s / %s" % (ours, theirs))
                by_rule[key] += 1
                examples.setdefault(key, seed)
                if not r:
                    unclassified.append((seed, ours, theirs, case["traits"]))
                if a.show or not r:
                    print("seed %d: certverify %s, openssl %s; traits %s" %
                          (seed, ours, theirs, " ".join(case["traits"])))
                    if a.show:
                        print("  " + " ".join(cmd_ours) + "\n  " + " ".join(cmd_theirs))
                if a.keep:
                    shutil.copytree(d, os.path.join(a.keep, str(seed)), dirs_exist_ok=True)
            shutil.rmtree(d)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("%d cases (seed %d): %d agree valid, %d agree invalid, %d disagree" %
          (a.n, a.seed, tally["agree-valid"], tally["agree-invalid"], tally["disagree"]))
    for (cls, why), n in sorted(by_rule.items(), key=lambda kv: -kv[1]):
        print("  %4d  %-12s %s (e.g. seed %d)" % (n, cls, why, examples[(cls, why)]))
    if unclassified:
        print("%d disagreements match no rule of %s" % (len(unclassified), a.known))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
