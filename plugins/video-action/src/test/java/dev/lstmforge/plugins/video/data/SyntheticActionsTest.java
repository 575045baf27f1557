package dev.lstmforge.plugins.video.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.lstmforge.plugins.video.decode.DecodedClip;
import dev.lstmforge.plugins.video.decode.Sampling;
import dev.lstmforge.plugins.video.decode.VideoDecoder;
import dev.lstmforge.plugins.video.decode.VideoInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator writes real, decodable clips of the asked size and length, the motion of each class
 * is really in the pixels (measured on the decoded files, by locating the shape as what differs
 * from the same clip rendered without it), and single frames carry no class information in the
 * shape's position or size.
 */
class SyntheticActionsTest {

    private static final int SIZE = 96;
    private static final int FRAMES = 16;
    private static final int CLIPS = 3;

    @TempDir
    static Path root;

    private static SyntheticActions.Spec spec;
    private static List<Path> files;

    @BeforeAll
    static void write() throws IOException {
        spec = new SyntheticActions.Spec(SIZE, SIZE, FRAMES, 25, CLIPS, 11);
        files = SyntheticActions.write(root, spec);
    }

    @Test
    void writesEveryClipInItsClassFolderUnderItsGroupName() throws IOException {
        assertThat(SyntheticActions.classes())
                .containsExactly("left", "right", "up", "down", "clockwise", "counterclockwise", "grow", "shrink");
        assertThat(files).hasSize(8 * CLIPS);
        for (String c : SyntheticActions.classes()) {
            try (Stream<Path> listing = Files.list(root.resolve(c))) {
                assertThat(listing.map(p -> p.getFileName().toString()).sorted())
                        .containsExactly(c + "_g01_c01.mp4", c + "_g02_c01.mp4", c + "_g03_c01.mp4");
            }
        }
        assertThat(SyntheticActions.fileName("grow", 12, 3)).isEqualTo("grow_g12_c03.mp4");
    }

    @Test
    void clipsDecodeWithTheAskedSizeLengthAndRate() {
        VideoDecoder decoder = new VideoDecoder(SIZE, SIZE);
        for (Path file : files) {
            VideoInfo info = decoder.probe(file);
            assertThat(info.width()).isEqualTo(SIZE);
            assertThat(info.height()).isEqualTo(SIZE);
            assertThat(info.declaredFrames()).isEqualTo(FRAMES);
            assertThat(info.fps()).isCloseTo(25, within(0.01));
            assertThat(info.codec()).isEqualTo(SyntheticActions.writesH264() ? "h264" : "mpeg4");
            assertThat(info.keyFrames()).isEqualTo(2); // frames 0 and 12: the default interval is 12
            assertThat(decoder.decode(file, Sampling.uniform(FRAMES)).clipFrames())
                    .isEqualTo(FRAMES);
        }
        // javacv's LGPL FFmpeg build has OpenH264
        assertThat(SyntheticActions.encoderName()).isIn("libx264", "libopenh264", "h264");
    }

    @Test
    void theFilesHoldTheRenderedFrames() {
        VideoDecoder decoder = new VideoDecoder(SIZE, SIZE);
        for (String c : List.of("left", "clockwise", "shrink")) {
            DecodedClip decoded = decoder.decode(root.resolve(c).resolve(c + "_g02_c01.mp4"), Sampling.uniform(FRAMES));
            SyntheticActions.Clip rendered = SyntheticActions.render(spec, c, 1);
            double error = 0;
            for (int t = 0; t < FRAMES; t++) {
                error += meanAbsoluteError(decoded, t, rendered.frames().get(t));
            }
            assertThat(error / FRAMES).as(c).isLessThan(0.04);
        }
    }

    @Test
    void translationsMoveTheShapeTheirWay() {
        double[][] expected = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
        List<String> names = List.of("left", "right", "up", "down");
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < CLIPS; i++) {
                Track track = track(names.get(k), i);
                double along = track.dx * expected[k][0] + track.dy * expected[k][1];
                double across = Math.abs(track.dx * expected[k][1] + track.dy * expected[k][0]);
                String what = names.get(k) + " clip " + i;
                // 30-60% of the frame over the clip, in the class's direction
                assertThat(along).as(what).isBetween(0.25 * SIZE, 0.65 * SIZE);
                assertThat(across).as(what).isLessThan(0.1 * SIZE);
                assertThat(Math.abs(track.turnDegrees)).as(what).isLessThan(30);
                assertThat(track.areaRatio).as(what).isBetween(0.75, 1.33);
            }
        }
    }

    @Test
    void rotationsTurnTheShapeTheirWayOnScreen() {
        for (int i = 0; i < CLIPS; i++) {
            Track cw = track("clockwise", i);
            Track ccw = track("counterclockwise", i);
            // 100-220 degrees over the clip (the pixel estimate is coarse for small shapes)
            assertThat(cw.turnDegrees).as("clockwise clip " + i).isBetween(60.0, 260.0);
            assertThat(ccw.turnDegrees).as("counterclockwise clip " + i).isBetween(-260.0, -60.0);
            assertThat(Math.hypot(cw.dx, cw.dy)).isLessThan(0.1 * SIZE);
            assertThat(cw.areaRatio).isBetween(0.75, 1.33);
        }
    }

    @Test
    void scalingsGrowAndShrinkTheShape() {
        for (int i = 0; i < CLIPS; i++) {
            // 1.7-2.2 times the size: 2.9-4.8 times the area
            Track grow = track("grow", i);
            Track shrink = track("shrink", i);
            assertThat(grow.areaRatio).as("grow clip " + i).isGreaterThan(2.2);
            assertThat(shrink.areaRatio).as("shrink clip " + i).isLessThan(1 / 2.2);
            assertThat(Math.abs(grow.turnDegrees)).as("grow clip " + i).isLessThan(30);
            assertThat(Math.hypot(shrink.dx, shrink.dy)).as("shrink clip " + i).isLessThan(0.1 * SIZE);
        }
    }

    @Test
    void aSingleFrameSaysNothingThroughPositionOrSize() {
        // the poses of many small clips: per class, where the shape is and how big, over all frames
        // and over first frames alone, match the other classes'
        SyntheticActions.Spec many = new SyntheticActions.Spec(32, 32, 8, 25, 150, 5);
        int classes = SyntheticActions.classes().size();
        double[] meanRadius = new double[classes];
        double overall = 0;
        for (int k = 0; k < classes; k++) {
            String c = SyntheticActions.classes().get(k);
            double sx = 0;
            double sy = 0;
            double firstX = 0;
            double firstY = 0;
            double radius = 0;
            int n = 0;
            for (int i = 0; i < many.clipsPerClass(); i++) {
                List<SyntheticActions.Pose> poses =
                        SyntheticActions.render(many, c, i).poses();
                firstX += poses.get(0).x();
                firstY += poses.get(0).y();
                for (SyntheticActions.Pose p : poses) {
                    sx += p.x();
                    sy += p.y();
                    radius += p.radius();
                    n++;
                }
            }
            // uniform over [0, 32): mean 16, and the mean of 150 clips is within about 2 of it
            assertThat(sx / n).as(c + " mean x").isCloseTo(16, within(2.5));
            assertThat(sy / n).as(c + " mean y").isCloseTo(16, within(2.5));
            assertThat(firstX / many.clipsPerClass()).as(c + " first x").isCloseTo(16, within(2.5));
            assertThat(firstY / many.clipsPerClass()).as(c + " first y").isCloseTo(16, within(2.5));
            meanRadius[k] = radius / n;
            overall += meanRadius[k] / classes;
        }
        for (int k = 0; k < classes; k++) {
            assertThat(meanRadius[k])
                    .as(SyntheticActions.classes().get(k) + " mean radius")
                    .isCloseTo(overall, within(0.08 * overall));
        }
    }

    @Test
    void theSameSpecGivesTheSameClipsAndSubsetsDoNotShiftThem(@TempDir Path again) throws IOException {
        SyntheticActions.Spec subset = spec.withClasses(List.of("up", "grow"));
        List<Path> second = SyntheticActions.write(again, subset);
        assertThat(second).hasSize(2 * CLIPS);
        for (Path file : second) {
            Path first = root.resolve(again.relativize(file));
            assertThat(Files.readAllBytes(file)).as(file.toString()).isEqualTo(Files.readAllBytes(first));
        }
        SyntheticActions.Clip a = SyntheticActions.render(spec, "grow", 2);
        SyntheticActions.Clip b = SyntheticActions.render(subset, "grow", 2);
        for (int t = 0; t < FRAMES; t++) {
            assertThat(a.frames().get(t)).isEqualTo(b.frames().get(t));
        }
        SyntheticActions.Clip other =
                SyntheticActions.render(new SyntheticActions.Spec(SIZE, SIZE, FRAMES, 25, CLIPS, 12), "grow", 2);
        assertThat(other.frames().get(0)).isNotEqualTo(a.frames().get(0));
        assertThat(again.resolve("left")).doesNotExist();
    }

    @Test
    void clipsOfAGroupShareTheirScene() {
        SyntheticActions.Spec grouped = new SyntheticActions.Spec(48, 48, 4, 25, 6, 3).withGroups(2);
        assertThat(grouped.groupOf(0)).isEqualTo(1);
        assertThat(grouped.groupOf(1)).isEqualTo(2);
        assertThat(grouped.groupOf(4)).isEqualTo(1);
        assertThat(grouped.takeOf(4)).isEqualTo(3);
        // scene colour of clips 0 and 4 of two classes (group 1) against clip 1 (group 2)
        double[] g1a = meanColour(SyntheticActions.render(grouped, "left", 0, false));
        double[] g1b = meanColour(SyntheticActions.render(grouped, "shrink", 4, false));
        double[] g2 = meanColour(SyntheticActions.render(grouped, "left", 1, false));
        assertThat(distance(g1a, g1b)).isLessThan(0.03);
        assertThat(distance(g1a, g2)).isGreaterThan(0.1);
        assertThat(SyntheticActions.render(grouped, "shrink", 4).fileName()).isEqualTo("shrink_g01_c03.mp4");
    }

    @Test
    void badSpecsAreRejected() {
        assertThatThrownBy(() -> new SyntheticActions.Spec(63, 64, 16, 25, 2, 1))
                .hasMessageContaining("even");
        assertThatThrownBy(() -> new SyntheticActions.Spec(64, 64, 1, 25, 2, 1)).hasMessageContaining("frames");
        assertThatThrownBy(() -> new SyntheticActions.Spec(64, 64, 16, 0, 2, 1)).hasMessageContaining("fps");
        assertThatThrownBy(() -> spec.withClasses(List.of("jump"))).hasMessageContaining("unknown class 'jump'");
        assertThatThrownBy(() -> spec.withClasses(List.of("up", "up"))).hasMessageContaining("repeat");
        assertThatThrownBy(() -> spec.withGroups(CLIPS + 1)).hasMessageContaining("groups must be 1..3");
        assertThatThrownBy(() -> SyntheticActions.render(spec.withClasses(List.of("up")), "down", 0))
                .hasMessageContaining("not in [up]");
    }

    // ---------------------------------------------------------------------------------------------

    /** The shape's motion over a decoded clip: displacement, turn and area change. */
    private record Track(double dx, double dy, double turnDegrees, double areaRatio) {}

    /**
     * Locates the shape in each decoded frame as the pixels that differ from the same clip rendered
     * without it (same background, flicker and noise), then measures its motion between frames: the
     * centroid's step (a circular mean, because the scene wraps around), the turn that best maps one
     * frame's shape (with the marker that breaks its symmetry) onto the next, and the area.
     */
    private static Track track(String className, int clipIndex) {
        SyntheticActions.Clip background = SyntheticActions.render(spec, className, clipIndex, false);
        Path file = root.resolve(className).resolve(background.fileName());
        DecodedClip decoded = new VideoDecoder(SIZE, SIZE).decode(file, Sampling.uniform(FRAMES));
        float[][] signal = new float[FRAMES][];
        double[] cx = new double[FRAMES];
        double[] cy = new double[FRAMES];
        double[] reach = new double[FRAMES];
        double[] area = new double[FRAMES];
        for (int t = 0; t < FRAMES; t++) {
            signal[t] = shapeSignal(decoded, t, background.frames().get(t));
            boolean[] mask = new boolean[SIZE * SIZE];
            for (int p = 0; p < mask.length; p++) {
                mask[p] = Math.max(
                                Math.abs(signal[t][p * 3]),
                                Math.max(Math.abs(signal[t][p * 3 + 1]), Math.abs(signal[t][p * 3 + 2])))
                        > 0.2f;
                area[t] += mask[p] ? 1 : 0;
            }
            cx[t] = circularMean(mask, true);
            cy[t] = circularMean(mask, false);
            for (int p = 0; p < mask.length; p++) {
                if (mask[p]) {
                    reach[t] = Math.max(reach[t], Math.hypot(wrapped(p % SIZE - cx[t]), wrapped(p / SIZE - cy[t])));
                }
            }
        }
        // what turns: the shape's own colours where it is, mid-grey elsewhere (so the scene does not
        // hold the estimate at 0, and a marker that matches the scene shows as a grey hole that turns
        // with the shape)
        float[][] look = new float[FRAMES][];
        for (int t = 0; t < FRAMES; t++) {
            look[t] = new float[SIZE * SIZE * 3];
            for (int p = 0; p < SIZE * SIZE; p++) {
                boolean on = Math.max(
                                Math.abs(signal[t][p * 3]),
                                Math.max(Math.abs(signal[t][p * 3 + 1]), Math.abs(signal[t][p * 3 + 2])))
                        > 0.2f;
                for (int c = 0; c < 3; c++) {
                    look[t][p * 3 + c] = on ? decoded.at(t, c, p / SIZE, p % SIZE) : 0.5f;
                }
            }
        }
        double dx = 0;
        double dy = 0;
        double turn = 0;
        for (int t = 1; t < FRAMES; t++) {
            dx += wrapped(cx[t] - cx[t - 1]);
            dy += wrapped(cy[t] - cy[t - 1]);
            turn += bestTurn(look[t - 1], cx[t - 1], cy[t - 1], reach[t - 1] + 2, look[t], cx[t], cy[t]);
        }
        double startArea = (area[0] + area[1]) / 2;
        double endArea = (area[FRAMES - 1] + area[FRAMES - 2]) / 2;
        return new Track(dx, dy, turn, endArea / startArea);
    }

    /** Decoded frame minus the frame rendered without the shape, RGB interleaved. */
    private static float[] shapeSignal(DecodedClip decoded, int t, byte[] background) {
        float[] out = new float[SIZE * SIZE * 3];
        for (int p = 0; p < SIZE * SIZE; p++) {
            for (int c = 0; c < 3; c++) {
                out[p * 3 + c] = decoded.at(t, c, p / SIZE, p % SIZE) - (background[p * 3 + c] & 0xFF) / 255f;
            }
        }
        return out;
    }

    private static double circularMean(boolean[] mask, boolean x) {
        double s = 0;
        double c = 0;
        for (int p = 0; p < mask.length; p++) {
            if (mask[p]) {
                double a = 2 * Math.PI * (x ? p % SIZE : p / SIZE) / SIZE;
                s += Math.sin(a);
                c += Math.cos(a);
            }
        }
        double a = Math.atan2(s, c);
        return (a < 0 ? a + 2 * Math.PI : a) * SIZE / (2 * Math.PI);
    }

    private static double wrapped(double d) {
        return d - SIZE * Math.floor(d / SIZE + 0.5);
    }

    /**
     * The turn in degrees (positive: clockwise on screen) from one frame's shape to the next: both
     * are read on a polar grid around their centres (every 2 degrees, 8 radii up to {@code radius},
     * bilinear), and the angular shift within 40 degrees that matches them best wins.
     */
    private static double bestTurn(
            float[] from, double fx, double fy, double radius, float[] to, double tx, double ty) {
        int angles = 180;
        int radii = 8;
        float[][] a = polar(from, fx, fy, radius, angles, radii);
        float[][] b = polar(to, tx, ty, radius, angles, radii);
        int best = 0;
        double bestCost = Double.MAX_VALUE;
        for (int shift = -20; shift <= 20; shift++) {
            double cost = 0;
            for (int k = 0; k < angles; k++) {
                float[] p = a[k];
                float[] q = b[Math.floorMod(k + shift, angles)];
                for (int i = 0; i < p.length; i++) {
                    double d = p[i] - q[i];
                    cost += d * d;
                }
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = shift;
            }
        }
        return best * 360.0 / angles;
    }

    /**
     * Colours on a polar grid; angle k is {@code k * 360 / angles} degrees from the x axis towards
     * the y axis, which points down, so growing angles go clockwise on screen.
     */
    private static float[][] polar(float[] image, double cx, double cy, double radius, int angles, int radii) {
        float[][] out = new float[angles][radii * 3];
        for (int k = 0; k < angles; k++) {
            double a = 2 * Math.PI * k / angles;
            for (int j = 0; j < radii; j++) {
                double r = radius * (j + 1) / radii;
                double x = cx + r * Math.cos(a);
                double y = cy + r * Math.sin(a);
                int x0 = (int) Math.floor(x);
                int y0 = (int) Math.floor(y);
                double fx = x - x0;
                double fy = y - y0;
                for (int c = 0; c < 3; c++) {
                    double top = pixel(image, x0, y0, c) * (1 - fx) + pixel(image, x0 + 1, y0, c) * fx;
                    double bottom = pixel(image, x0, y0 + 1, c) * (1 - fx) + pixel(image, x0 + 1, y0 + 1, c) * fx;
                    out[k][j * 3 + c] = (float) (top * (1 - fy) + bottom * fy);
                }
            }
        }
        return out;
    }

    private static float pixel(float[] image, int x, int y, int c) {
        return image[(Math.floorMod(y, SIZE) * SIZE + Math.floorMod(x, SIZE)) * 3 + c];
    }

    private static double meanAbsoluteError(DecodedClip decoded, int t, byte[] rendered) {
        double sum = 0;
        for (int p = 0; p < SIZE * SIZE; p++) {
            for (int c = 0; c < 3; c++) {
                sum += Math.abs(decoded.at(t, c, p / SIZE, p % SIZE) - (rendered[p * 3 + c] & 0xFF) / 255.0);
            }
        }
        return sum / (SIZE * SIZE * 3);
    }

    private static double[] meanColour(SyntheticActions.Clip clip) {
        double[] mean = new double[3];
        int count = 0;
        for (byte[] frame : clip.frames()) {
            for (int i = 0; i < frame.length; i += 3) {
                for (int c = 0; c < 3; c++) {
                    mean[c] += (frame[i + c] & 0xFF) / 255.0;
                }
                count++;
            }
        }
        for (int c = 0; c < 3; c++) {
            mean[c] /= count;
        }
        return mean;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
