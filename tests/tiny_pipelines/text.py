"""Tiny text encoders and their tokenizers, built in memory (no vocabulary file, no hub).

- :func:`clip_tokenizer`: a byte-level CLIP BPE vocabulary (2 special tokens, the 256
  byte characters, the same with ``</w>``) passed in memory: transformers 5 ignores
  ``vocab_file=`` and without ``model_max_length`` padding overflows.
- :func:`t5_tokenizer`: a Unigram model made with the ``tokenizers`` library, with T5's
  special tokens (``<pad>`` 0, ``</s>`` 1, ``<unk>`` 2), its ``▁`` word marker, a piece
  per printable ASCII character and a few whole words, wrapped in a ``T5TokenizerFast``.
  Like T5's own vocabulary it has no byte fallback (transformers 5 rebuilds a loaded T5
  tokenizer without one): an emoji is ``<unk>``.
- :func:`clip_encoder`, :func:`t5_encoder`: random text models of width 32.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from transformers import CLIPTokenizer, T5TokenizerFast

WIDTH = 32
"""Hidden size of every tiny text encoder."""

_WORDS = (
    "a", "an", "the", "of", "and", "to", "left", "right", "on", "in", "red", "blue",
    "green", "apple", "apples", "bowl", "cat", "dog", "tree", "background", "style",
)  # fmt: skip
"""Whole words the T5 vocabulary knows (the rest is spelt in bytes)."""


def byte_characters() -> list[str]:
    """Return the 256 printable characters GPT-2/CLIP use for the 256 byte values."""
    printable = (
        list(range(ord("!"), ord("~") + 1))
        + list(range(ord("¡"), ord("¬") + 1))
        + list(range(ord("®"), ord("ÿ") + 1))
    )
    chars = list(printable)
    extra = 0
    for byte in range(256):
        if byte not in printable:
            chars.append(256 + extra)
            extra += 1
    return [chr(c) for c in chars]


def clip_tokenizer() -> CLIPTokenizer:
    """Return a CLIP tokenizer with a byte-level vocabulary of 514 tokens and no merges."""
    from transformers import CLIPTokenizer

    vocab = {"<|startoftext|>": 0, "<|endoftext|>": 1}
    for char in byte_characters():
        vocab[char] = len(vocab)
    for char in byte_characters():
        vocab[char + "</w>"] = len(vocab)
    return CLIPTokenizer(vocab=vocab, merges=[], model_max_length=77)


def t5_tokenizer() -> T5TokenizerFast:
    """Return a T5 tokenizer built with the ``tokenizers`` library (Unigram, byte fallback)."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import T5TokenizerFast

    pieces: list[tuple[str, float]] = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0)]
    pieces += [("▁", -2.0)] + [(chr(c), -5.0) for c in range(33, 127)]
    pieces += [("▁" + word, -1.0) for word in _WORDS]
    model = models.Unigram(pieces, unk_id=2, byte_fallback=False)
    tokenizer = Tokenizer(model)
    tokenizer.normalizer = normalizers.Sequence(
        [normalizers.Replace(" {2,}", " "), normalizers.Strip()]  # type: ignore[list-item]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="$A </s>", pair="$A </s> $B </s>", special_tokens=[("</s>", 1)]
    )
    return T5TokenizerFast(
        tokenizer_object=tokenizer,
        eos_token="</s>",
        unk_token="<unk>",
        pad_token="<pad>",
        extra_ids=0,
        model_max_length=512,
    )


def clip_encoder(vocab_size: int, *, projection: bool = False, width: int = WIDTH) -> Any:
    """A random 2-layer CLIP text encoder (``CLIPTextModelWithProjection`` if ``projection``)."""
    from transformers import CLIPTextConfig, CLIPTextModel, CLIPTextModelWithProjection

    config = CLIPTextConfig(
        bos_token_id=0,
        eos_token_id=1,
        pad_token_id=1,
        hidden_size=width,
        intermediate_size=37,
        layer_norm_eps=1e-05,
        num_attention_heads=4,
        num_hidden_layers=2,
        vocab_size=vocab_size,
        projection_dim=width,
    )
    return (CLIPTextModelWithProjection if projection else CLIPTextModel)(config)


def t5_encoder(vocab_size: int, *, width: int = WIDTH) -> Any:
    """A random 2-layer T5 encoder (width 32 unless told)."""
    from transformers import T5Config, T5EncoderModel

    config = T5Config(
        vocab_size=vocab_size,
        d_model=width,
        d_kv=8,
        d_ff=37,
        num_layers=2,
        num_heads=4,
        relative_attention_num_buckets=8,
        pad_token_id=0,
        eos_token_id=1,
        decoder_start_token_id=0,
    )
    return T5EncoderModel(config)
