#!/usr/bin/env python3
"""Writes the seed corpus of the idx fuzz target (tests/fuzz/corpus/idx/): tiny IDX image and
label files, plain and gzip, each behind the target's selector byte (fuzz_targets.cc)."""
import gzip
import os
import struct

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "idx")


def idx(magic, dims, data):
    return struct.pack(">I", magic) + b"".join(struct.pack(">I", d) for d in dims) + bytes(data)


def main():
    os.makedirs(HERE, exist_ok=True)
    images = idx(0x803, [3, 2, 2], range(12))
    labels = idx(0x801, [4], [9, 0, 3, 7])
    seeds = {
        "images": b"\x00" + images,
        "images_first_two": bytes([(3 << 1) | 0]) + images,
        "images.gz": b"\x00" + gzip.compress(images, mtime=0),
        "labels": b"\x01" + labels,
        "labels.gz": b"\x01" + gzip.compress(labels, mtime=0),
        "labels_two_members.gz": b"\x01" + gzip.compress(labels[:6], mtime=0)
        + gzip.compress(labels[6:], mtime=0),
        "labels_as_images": b"\x00" + labels,
    }
    for name, data in seeds.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
