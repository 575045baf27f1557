package dev.lstmforge.plugins.audio.data;

import dev.lstmforge.plugins.audio.decode.AudioDecoder;
import dev.lstmforge.support.DataException;
import dev.lstmforge.support.csv.CsvTable;
import dev.lstmforge.support.media.MediaFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The labelled sounds of a collection on disk, found by its layout:
 *
 * <ul>
 *   <li>a folder whose sub-folders name the classes ({@code root/<class>/*.wav});
 *   <li>a folder of Free Spoken Digit Dataset files {@code {digit}_{speaker}_{index}.wav}: the
 *       class and the speaker come from the name;
 *   <li>an UrbanSound8K-style metadata CSV ({@code slice_file_name,fsID,start,end,salience,fold,
 *       classID,class}; {@code slice_file_name}, {@code fold} and {@code class} are required),
 *       with the files under {@code fold<N>/} next to the CSV, in {@code ../audio/}, or in
 *       {@code audio/}; a folder holding {@code metadata/*.csv} is read the same way.
 * </ul>
 *
 * <p>Only files with an audio extension are listed; whether they really are audio is found out
 * when they are decoded. Every class needs at least two files (one to learn from, one to test).
 *
 * <pre>{@code
 * AudioCatalog fsdd = AudioCatalog.scan(Path.of("data/audio/fsdd"));
 * fsdd.layout();            // FSDD
 * fsdd.classes();           // [0, 1, ..., 9]
 * fsdd.clips().get(0);      // Clip[file=.../0_george_0.wav, label=0, group=george, take=0]
 * }</pre>
 *
 * @param layout how the collection is organised
 * @param source the folder or CSV file it was read from
 * @param clips the clips, in a stable order
 * @param classes the class names, sorted (numerically when all are numbers)
 */
public record AudioCatalog(Layout layout, Path source, List<Clip> clips, List<String> classes) {

    private static final Pattern FSDD_NAME = Pattern.compile("([^_]+)_([^_]+)_(\\d+)\\.wav", Pattern.CASE_INSENSITIVE);

    /** Copies the lists. */
    public AudioCatalog {
        clips = List.copyOf(clips);
        classes = List.copyOf(classes);
    }

    /**
     * Reads a collection, detecting its layout.
     *
     * @param path a folder or a metadata CSV file
     * @return the catalog
     * @throws DataException if the path is missing, empty, or not in a known layout
     */
    public static AudioCatalog scan(Path path) {
        if (Files.isRegularFile(path)) {
            return metadata(path);
        }
        if (!Files.isDirectory(path)) {
            throw new DataException(path + ": no such file or folder");
        }
        Path metaDir = path.resolve("metadata");
        if (Files.isDirectory(metaDir)) {
            List<Path> csvs = MediaFiles.visibleEntries(metaDir).stream()
                    .filter(p -> p.getFileName().toString().toLowerCase().endsWith(".csv"))
                    .toList();
            if (csvs.size() == 1) {
                return metadata(csvs.get(0));
            }
        }
        List<Path> entries = MediaFiles.visibleEntries(path);
        List<Path> folders = entries.stream().filter(Files::isDirectory).toList();
        List<Path> audio = entries.stream().filter(AudioCatalog::isAudio).toList();
        if (!folders.isEmpty() && audio.isEmpty()) {
            return folders(path, folders);
        }
        if (audio.isEmpty()) {
            throw new DataException(path + ": no audio files (.wav, .flac, .mp3, ...) and no class folders");
        }
        return fsdd(path, audio);
    }

    private static boolean isAudio(Path p) {
        return Files.isRegularFile(p)
                && AudioDecoder.isAudioFileName(p.getFileName().toString());
    }

    private static AudioCatalog folders(Path root, List<Path> folders) {
        List<Clip> clips = new ArrayList<>();
        for (Path folder : folders) {
            String label = folder.getFileName().toString();
            List<Path> files = MediaFiles.visibleEntries(folder).stream()
                    .filter(AudioCatalog::isAudio)
                    .toList();
            for (Path f : files) {
                clips.add(new Clip(f, label + "/" + f.getFileName(), label, null, -1));
            }
        }
        return build(
                Layout.FOLDER_PER_CLASS,
                root,
                clips,
                folders.stream().map(f -> f.getFileName().toString()).toList());
    }

    private static AudioCatalog fsdd(Path root, List<Path> audio) {
        List<Clip> clips = new ArrayList<>();
        for (Path f : audio) {
            String name = f.getFileName().toString();
            Matcher m = FSDD_NAME.matcher(name);
            if (!m.matches()) {
                throw new DataException(root.resolve(name) + ": audio files lie directly in " + root
                        + ", but this name is not {digit}_{speaker}_{index}.wav (the FSDD naming); "
                        + "put each class in its own sub-folder instead");
            }
            clips.add(new Clip(f, name, m.group(1), m.group(2), Integer.parseInt(m.group(3))));
        }
        return build(
                Layout.FSDD,
                root,
                clips,
                clips.stream().map(Clip::label).distinct().toList());
    }

    private static AudioCatalog metadata(Path csv) {
        CsvTable table = CsvTable.read(csv);
        int[] cols = table.columns(List.of("slice_file_name", "fold", "class"));
        Path base = csv.toAbsolutePath().getParent();
        List<Path> roots = List.of(base, base.resolveSibling("audio"), base.resolve("audio"));
        List<Clip> clips = new ArrayList<>();
        for (int row = 0; row < table.size(); row++) {
            String file = table.text(row, cols[0]).strip();
            String foldText = table.text(row, cols[1]).strip();
            String label = table.text(row, cols[2]).strip();
            if (file.isEmpty()) {
                throw table.error(row, cols[0], "the file name is empty");
            }
            if (label.isEmpty()) {
                throw table.error(row, cols[2], "the class is empty");
            }
            int fold;
            try {
                fold = Integer.parseInt(foldText);
            } catch (NumberFormatException e) {
                throw table.error(row, cols[1], "'" + foldText + "' is not a fold number");
            }
            String relative = "fold" + fold + "/" + file;
            Path found = null;
            for (Path r : roots) {
                Path candidate = r.resolve(relative);
                if (Files.isRegularFile(candidate)) {
                    found = candidate;
                    break;
                }
            }
            if (found == null) {
                throw table.error(
                        row, cols[0], "file " + relative + " not found next to the CSV, in ../audio/ or in audio/");
            }
            clips.add(new Clip(found, relative, label, "fold" + fold, -1));
        }
        return build(
                Layout.METADATA_CSV,
                csv,
                clips,
                clips.stream().map(Clip::label).distinct().toList());
    }

    private static AudioCatalog build(Layout layout, Path source, List<Clip> clips, List<String> labels) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        labels.forEach(l -> counts.put(l, 0));
        clips.forEach(c -> counts.merge(c.label(), 1, Integer::sum));
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() < 2) {
                String where = layout == Layout.FOLDER_PER_CLASS
                        ? source.resolve(e.getKey()).toString()
                        : source.toString();
                throw new DataException(where + ": class '" + e.getKey() + "' has " + e.getValue()
                        + (e.getValue() == 1 ? " audio file" : " audio files")
                        + "; each class needs at least 2 (one to learn from, one to test)");
            }
        }
        if (counts.size() < 2) {
            throw new DataException(
                    source + ": only one class (" + counts.keySet() + "); a classifier needs at least two");
        }
        return new AudioCatalog(layout, source, clips, sortClasses(counts.keySet()));
    }

    /**
     * Sorts class names numerically when all are whole numbers, else alphabetically.
     *
     * @param names the names
     * @return the sorted names
     */
    public static List<String> sortClasses(Iterable<String> names) {
        List<String> out = new ArrayList<>();
        names.forEach(out::add);
        boolean numeric = out.stream().allMatch(s -> s.matches("-?\\d{1,9}"));
        out.sort(numeric ? Comparator.comparingInt(Integer::parseInt) : Comparator.naturalOrder());
        return out;
    }

    /**
     * Returns the clips of each group (speaker or fold), groups sorted by name.
     *
     * @return the groups; empty when the layout has none
     */
    public Map<String, List<Clip>> groups() {
        Map<String, List<Clip>> out = new TreeMap<>(Comparator.comparing(AudioCatalog::groupKey));
        for (Clip c : clips) {
            if (c.group() != null) {
                out.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c);
            }
        }
        return out;
    }

    private static String groupKey(String g) {
        // fold2 before fold10
        Matcher m = Pattern.compile("(\\D*)(\\d+)").matcher(g);
        return m.matches() ? m.group(1) + String.format("%09d", Long.parseLong(m.group(2))) : g;
    }

    /**
     * Returns where the clips came from, for messages.
     *
     * @return the folder or CSV file, or "generated sounds"
     */
    public String sourceName() {
        return source == null ? "generated sounds" : source.toString();
    }

    /**
     * Returns the index of a clip's class in {@link #classes()}.
     *
     * @param clip the clip
     * @return the class index
     */
    public int classIndex(Clip clip) {
        return classes.indexOf(clip.label());
    }
}
