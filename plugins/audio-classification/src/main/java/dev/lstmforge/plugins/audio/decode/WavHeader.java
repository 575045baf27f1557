package dev.lstmforge.plugins.audio.decode;

import dev.lstmforge.support.DataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * The header of a RIFF WAVE file, read by walking its chunks, so that a damaged file is rejected
 * with a clear message before FFmpeg sees it. FFmpeg decodes whatever samples a truncated WAV still
 * holds and says nothing, so the data chunk's declared size is checked against the bytes that are
 * really there.
 *
 * <p>Understood: {@code RIFF}, {@code RF64} and {@code BW64} (64-bit sizes in a {@code ds64}
 * chunk). Big-endian {@code RIFX} is refused: FFmpeg 7.1 reads its header but decodes its PCM as
 * little-endian, so every sample would come out byte-swapped. A data chunk that declares 0 or
 * 0xFFFFFFFF bytes is taken as "streamed, size unknown" (FFmpeg then reads to the end of the file);
 * an odd-sized chunk may be followed by its pad byte or not; a fmt chunk after the data chunk is
 * found, as FFmpeg finds it.
 */
final class WavHeader {

    /** WAVE_FORMAT_EXTENSIBLE: the real format tag is in the sub-format GUID. */
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    /** Chunk headers to read before giving up looking for the data chunk. */
    private static final int MAX_CHUNKS = 1000;

    /** The declared data size that means "unknown" in a streamed or 64-bit file. */
    private static final long SIZE_UNKNOWN = 0xFFFFFFFFL;

    final int formatTag;
    final int channels;
    final long sampleRate;
    final int blockAlign;
    final int bitsPerSample;
    /** The data bytes present and declared (or present, for a streamed file). */
    final long dataBytes;

    private WavHeader(int formatTag, int channels, long sampleRate, int blockAlign, int bitsPerSample, long dataBytes) {
        this.formatTag = formatTag;
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.blockAlign = blockAlign;
        this.bitsPerSample = bitsPerSample;
        this.dataBytes = dataBytes;
    }

    /** Random access to the bytes of a file or of an array. */
    interface Bytes {
        /**
         * The total length.
         *
         * @return the number of bytes
         */
        long size();

        /**
         * Reads up to {@code length} bytes at a position; fewer only at the end.
         *
         * @param position the offset of the first byte
         * @param into where the bytes go, from index 0
         * @param length how many bytes to read
         * @return how many bytes were read
         * @throws IOException when the file cannot be read
         */
        int read(long position, byte[] into, int length) throws IOException;

        /**
         * A view of a byte array.
         *
         * @param bytes the array
         * @return the view
         */
        static Bytes of(byte[] bytes) {
            return new Bytes() {
                @Override
                public long size() {
                    return bytes.length;
                }

                @Override
                public int read(long position, byte[] into, int length) {
                    int n = (int) Math.max(0, Math.min(length, bytes.length - position));
                    System.arraycopy(bytes, (int) position, into, 0, n);
                    return n;
                }
            };
        }

        /**
         * A view of an open file.
         *
         * @param channel the file
         * @return the view
         * @throws IOException when its size cannot be read
         */
        static Bytes of(FileChannel channel) throws IOException {
            long size = channel.size();
            return new Bytes() {
                @Override
                public long size() {
                    return size;
                }

                @Override
                public int read(long position, byte[] into, int length) throws IOException {
                    ByteBuffer buffer = ByteBuffer.wrap(into, 0, length);
                    while (buffer.hasRemaining()) {
                        if (channel.read(buffer, position + buffer.position()) < 0) {
                            break;
                        }
                    }
                    return buffer.position();
                }
            };
        }
    }

    /**
     * Whether the first bytes are a RIFF container of WAVE form, in any of its spellings.
     *
     * @param head the first 12 bytes of the file (fewer if the file is shorter)
     * @param length how many of them are valid
     * @return true for {@code RIFF/RIFX/RF64/BW64 .... WAVE}
     */
    static boolean looksLikeWav(byte[] head, int length) {
        return length >= 12 && isRiffMagic(fourCc(head, 0)) && "WAVE".equals(fourCc(head, 8));
    }

    /**
     * Reads and checks the header.
     *
     * @param bytes the file
     * @param source the file name for messages
     * @return the header
     * @throws DataException when the file is not a complete, well-formed WAVE file
     * @throws IOException when the file cannot be read
     */
    static WavHeader read(Bytes bytes, String source) throws IOException {
        long size = bytes.size();
        byte[] buf = new byte[40];
        if (bytes.read(0, buf, 12) < 12) {
            throw new DataException(
                    source + ": not a WAV file: " + byteCount(size) + ", too short for a RIFF header (12 bytes)");
        }
        String magic = fourCc(buf, 0);
        if ("RIFX".equals(magic)) {
            throw new DataException(source + ": unsupported WAV variant: big-endian RIFX (FFmpeg 7.1 decodes its"
                    + " samples with the bytes swapped); convert it to a little-endian RIFF WAV");
        }
        if (!isRiffMagic(magic)) {
            throw new DataException(source + ": not a WAV file: it starts with " + quote(buf, 0) + ", not 'RIFF'");
        }
        if (!"WAVE".equals(fourCc(buf, 8))) {
            throw new DataException(
                    source + ": not a WAV file: the RIFF form type is " + quote(buf, 8) + ", not 'WAVE'");
        }
        boolean sizesInDs64 = !"RIFF".equals(magic);

        long ds64DataSize = -1;
        long dataBytes = -1;
        int formatTag = -1;
        int channels = 0;
        long sampleRate = 0;
        int blockAlign = 0;
        int bits = 0;
        long position = 12;
        for (int chunk = 0; chunk < MAX_CHUNKS && bytes.read(position, buf, 8) == 8; chunk++) {
            String id = fourCc(buf, 0);
            long chunkSize = uint32(buf, 4);
            long bodyAt = position + 8;
            long present = size - bodyAt;
            if ("data".equals(id)) {
                long declared =
                        sizesInDs64 && chunkSize == SIZE_UNKNOWN && ds64DataSize >= 0 ? ds64DataSize : chunkSize;
                if (declared == 0 || declared == SIZE_UNKNOWN) {
                    dataBytes = present; // streamed: the samples run to the end of the file
                    break;
                }
                if (present < declared) {
                    throw new DataException(source + ": truncated: the data chunk declares " + byteCount(declared)
                            + ", the file holds " + present);
                }
                dataBytes = declared;
                if (formatTag >= 0) {
                    break;
                }
                position = bodyAt + declared + (declared & 1); // FFmpeg also finds a fmt chunk after the data
                continue;
            }
            if (chunkSize > present) {
                throw new DataException(source + ": truncated before the data chunk: the '" + printable(id)
                        + "' chunk at byte " + position + " declares " + byteCount(chunkSize) + ", the file holds "
                        + Math.max(0, present));
            }
            if ("fmt ".equals(id) && formatTag < 0) { // like FFmpeg, the first fmt chunk counts
                if (chunkSize < 14) {
                    throw new DataException(source + ": corrupt fmt chunk: " + byteCount(chunkSize)
                            + ", a WAVE format needs at least 14");
                }
                int n = bytes.read(bodyAt, buf, (int) Math.min(chunkSize, buf.length));
                formatTag = uint16(buf, 0);
                channels = uint16(buf, 2);
                sampleRate = uint32(buf, 4);
                blockAlign = uint16(buf, 12);
                bits = n >= 16 ? uint16(buf, 14) : 8;
                if (formatTag == FORMAT_EXTENSIBLE && n >= 26) {
                    formatTag = uint16(buf, 24); // the first two bytes of the sub-format GUID
                }
                if (channels == 0) {
                    throw new DataException(source + ": unsupported sample format: the fmt chunk declares 0 channels");
                }
                if (sampleRate == 0) {
                    throw new DataException(
                            source + ": unsupported sample format: the fmt chunk declares a sample rate of 0 Hz");
                }
                if (dataBytes >= 0) {
                    break;
                }
            } else if ("ds64".equals(id) && sizesInDs64 && chunkSize >= 16 && bytes.read(bodyAt, buf, 16) == 16) {
                ds64DataSize = uint64(buf, 8);
            }
            position = bodyAt + chunkSize + (chunkSize & 1); // chunks are padded to an even length
        }
        if (formatTag < 0) {
            throw new DataException(source + ": corrupt WAV: no fmt chunk (the sample format)");
        }
        if (dataBytes < 0) {
            throw new DataException(source + ": corrupt WAV: no data chunk (the samples)");
        }
        int frame = Math.max(1, blockAlign);
        if (dataBytes < frame) {
            throw new DataException(source + ": no audio samples: the data chunk holds " + byteCount(dataBytes)
                    + ", less than one sample frame (" + byteCount(frame) + ")");
        }
        return new WavHeader(formatTag, channels, sampleRate, blockAlign, bits, dataBytes);
    }

    /**
     * The format in words, for messages: "format tag 0x0001, 1 channel, 16 bits per sample, 8000 Hz".
     *
     * @return the description
     */
    String describe() {
        return String.format(
                "format tag 0x%04X, %d channel%s, %d bits per sample, %d Hz",
                formatTag, channels, channels == 1 ? "" : "s", bitsPerSample, sampleRate);
    }

    private static String byteCount(long n) {
        return n == 1 ? "1 byte" : n + " bytes";
    }

    private static boolean isRiffMagic(String magic) {
        return "RIFF".equals(magic) || "RIFX".equals(magic) || "RF64".equals(magic) || "BW64".equals(magic);
    }

    private static String fourCc(byte[] b, int at) {
        return new String(b, at, 4, StandardCharsets.ISO_8859_1);
    }

    /** Four bytes as 'TEXT' when printable, else as hex bytes. */
    private static String quote(byte[] b, int at) {
        String text = fourCc(b, at);
        if (text.equals(printable(text))) {
            return "'" + text + "'";
        }
        return String.format("bytes %02X %02X %02X %02X", b[at], b[at + 1], b[at + 2], b[at + 3]);
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.toString();
    }

    private static int uint16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long uint32(byte[] b, int at) {
        return uint16(b, at) | (long) uint16(b, at + 2) << 16;
    }

    private static long uint64(byte[] b, int at) {
        return uint32(b, at) | uint32(b, at + 4) << 32;
    }
}
