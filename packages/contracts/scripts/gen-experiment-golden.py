#!/usr/bin/python3
"""Golden vectors for packages/contracts/src/experiment-assign.ts (run with /usr/bin/python3).

MurmurHash3 x86 32-bit written out from Appleby's reference (smhasher MurmurHash3.cpp), checked
first against its published test vectors, then used to assign units to weighted variants with the
rule of assignVariant: u = murmur3(f"{experiment}:{unit}") / 2**32, first variant whose cumulative
weight exceeds u * sum(weights). Standard library only (the uniformity of the points is checked
in the test with @vigil/core's sampleRatioMismatch, itself checked against scipy).

Usage: /usr/bin/python3 packages/contracts/scripts/gen-experiment-golden.py
"""
import json
import os


OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'testdata', 'experiment-assign.golden.json')
M = 0xFFFFFFFF


def rotl(x, r):
    return ((x << r) | (x >> (32 - r))) & M


def murmur3(key, seed=0):
    data = key.encode('utf-8')
    n = len(data)
    h = seed & M
    c1, c2 = 0xCC9E2D51, 0x1B873593
    nblocks = n // 4
    for i in range(nblocks):
        k = int.from_bytes(data[4 * i:4 * i + 4], 'little')
        k = (k * c1) & M
        k = rotl(k, 15)
        k = (k * c2) & M
        h ^= k
        h = rotl(h, 13)
        h = (h * 5 + 0xE6546B64) & M
    tail = data[4 * nblocks:]
    k = 0
    if len(tail) >= 3:
        k ^= tail[2] << 16
    if len(tail) >= 2:
        k ^= tail[1] << 8
    if len(tail) >= 1:
        k ^= tail[0]
        k = (k * c1) & M
        k = rotl(k, 15)
        k = (k * c2) & M
        h ^= k
    h ^= n
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & M
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & M
    h ^= h >> 16
    return h


# Published vectors (smhasher verification strings as collected on Wikipedia's MurmurHash page).
PUBLISHED = [
    ('', 0, 0),
    ('', 1, 0x514E28B7),
    ('', 0xFFFFFFFF, 0x81F16F39),
    ('\0\0\0\0', 0, 0x2362F9DE),
    ('aaaa', 0x9747B28C, 0x5A97808A),
    ('aaa', 0x9747B28C, 0x283E0130),
    ('aa', 0x9747B28C, 0x5D211726),
    ('a', 0x9747B28C, 0x7FA09EA6),
    ('abcd', 0x9747B28C, 0xF0478627),
    ('abc', 0x9747B28C, 0xC84A62DD),
    ('ab', 0x9747B28C, 0x74875592),
    ('Hello, world!', 0x9747B28C, 0x24884CBA),
    ('The quick brown fox jumps over the lazy dog', 0x9747B28C, 0x2FA826CD),
    ('hello', 0, 0x248BFA47),
]
for key, seed, want in PUBLISHED:
    got = murmur3(key, seed)
    assert got == want, (key, seed, hex(got), hex(want))


def assign(unit, experiment, variants):
    total = sum(w for _, w in variants)
    target = murmur3(f'{experiment}:{unit}') / 2**32 * total
    acc = 0.0
    last = None
    for name, w in variants:
        acc += w
        if w > 0:
            last = name
            if target < acc:
                return name
    return last


hashes = [{'key': k, 'seed': s, 'hash': murmur3(k, s)} for k, s, _ in PUBLISHED]
hashes += [{'key': k, 'seed': 0, 'hash': murmur3(k)} for k in
           ['exp:user-1', 'checkout-v2:4f0c2a', 'π:ünïcødé', 'canary:🙂', 'x' * 37]]

experiments = [
    ('churn-canary', [('baseline', 0.95), ('candidate', 0.05)]),
    ('ab-test', [('a', 1), ('b', 1), ('c', 2)]),
    ('zero-weight', [('off', 0), ('on', 1), ('dark', 0)]),
]
assignments = []
for exp, variants in experiments:
    for i in range(40):
        unit = f'user-{i}'
        assignments.append({
            'experiment': exp,
            'unit': unit,
            'variants': [{'name': n, 'weight': w} for n, w in variants],
            'point': murmur3(f'{exp}:{unit}') / 2**32,
            'variant': assign(unit, exp, variants),
        })

with open(OUT, 'w') as f:
    json.dump({'hashes': hashes, 'assignments': assignments}, f, indent=1, ensure_ascii=False)
    f.write('\n')
print(f'wrote {OUT}')
