"""eSpeak NG in process: the library and voices from the espeakng-loader wheel, driven through ctypes.

One engine per process, in synchronous mode: `espeak_Synth` returns when the text is
spoken, and the samples arrive through the synth callback, so each utterance's length
in samples is known exactly (that is what places the overlay clips). No subprocess,
no system package, nothing downloaded.
"""

from __future__ import annotations

import ctypes
import threading

from publish.errors import ToolMissingError

SYNCHRONOUS = 2  # espeak_AUDIO_OUTPUT: AUDIO_OUTPUT_SYNCHRONOUS
CHARS_UTF8, SSML = 0x1, 0x10  # espeak_Synth flags
POS_CHARACTER = 1
RATE = 1  # espeak_PARAMETER: espeakRATE, words per minute


class Voice(ctypes.Structure):
    """espeak_VOICE: only `languages` is set, to choose a voice by language."""

    _fields_ = [("name", ctypes.c_char_p), ("languages", ctypes.c_char_p), ("identifier", ctypes.c_char_p),
                ("gender", ctypes.c_ubyte), ("age", ctypes.c_ubyte), ("variant", ctypes.c_ubyte),
                ("xx1", ctypes.c_ubyte), ("score", ctypes.c_int), ("spare", ctypes.c_void_p)]


CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


class Engine:
    """The process's eSpeak NG; `say` turns one SSML utterance into 16-bit mono PCM."""

    _lock = threading.Lock()  # the library keeps global state: one utterance at a time
    _instance: "Engine | None" = None

    def __init__(self, rate: int = 175):
        try:
            import espeakng_loader
            self.lib = ctypes.CDLL(espeakng_loader.get_library_path())
            data = espeakng_loader.get_data_path().encode()
        except (ImportError, OSError, RuntimeError) as exc:
            raise ToolMissingError(f"publish: error: eSpeak NG not found ({exc}); install the package: "
                                   "pip install -e .") from None
        lib = self.lib
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetSynthCallback.argtypes = [CALLBACK]
        lib.espeak_SetVoiceByProperties.argtypes = [ctypes.POINTER(Voice)]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
                                     ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
        self.sample_rate = lib.espeak_Initialize(SYNCHRONOUS, 0, data, 0)
        if self.sample_rate <= 0:
            raise ToolMissingError("publish: error: eSpeak NG could not start (its voice data is missing); "
                                   "reinstall the package: pip install --force-reinstall espeakng-loader")
        self._chunks: list[bytes] = []
        self._callback = CALLBACK(self._receive)  # kept: the library holds only a pointer
        lib.espeak_SetSynthCallback(self._callback)
        lib.espeak_SetParameter(RATE, rate, 0)
        self.language = ""

    @classmethod
    def shared(cls) -> "Engine":
        """The one engine of this process, started on first use."""
        with cls._lock:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def _receive(self, wav, count: int, events) -> int:
        if count > 0:
            self._chunks.append(ctypes.string_at(wav, count * 2))
        return 0  # 0: go on

    def set_language(self, lang: str) -> None:
        """The voice for a BCP 47 tag: en-GB picks eSpeak's British English, fr its French."""
        if lang.lower() == self.language:
            return
        wanted = Voice(languages=lang.lower().encode())
        if self.lib.espeak_SetVoiceByProperties(ctypes.byref(wanted)) != 0:
            primary = Voice(languages=lang.lower().split("-")[0].encode())
            if self.lib.espeak_SetVoiceByProperties(ctypes.byref(primary)) != 0:
                raise ValueError(f"eSpeak NG has no voice for the language `{lang}`")
        self.language = lang.lower()

    def say(self, ssml: str, lang: str) -> bytes:
        """16-bit little-endian mono PCM at `sample_rate` for one SSML utterance in `lang`."""
        with self._lock:
            self.set_language(lang)
            self._chunks = []
            text = ssml.encode("utf-8")
            status = self.lib.espeak_Synth(text, len(text) + 1, 0, POS_CHARACTER, 0, CHARS_UTF8 | SSML, None, None)
            if status != 0:
                raise RuntimeError(f"eSpeak NG could not speak an utterance (error {status}): {ssml[:60]}")
            return b"".join(self._chunks)
