package io.baas.chaincode.review;

import io.baas.chaincode.review.Finding.Category;
import io.baas.chaincode.review.Finding.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Scans a chaincode jar's bytecode for what breaks endorsement determinism or escapes the
 * chaincode's sandbox: the clock, randomness, threads, file and network I/O, reflection, and
 * iteration over hash maps and sets in methods that write state. Only the chaincode's own classes
 * are read: the Fabric shim and the libraries a runnable jar bundles (gRPC, Netty, Protobuf,
 * Jackson...) do such things on purpose, outside the transaction's logic. They are known by their
 * package, which anyone can name, so the report says which library packages were skipped and how
 * many classes each had: code that hides under a library's name shows up there for the reviewer.
 * A scan reads bytes only; it never loads a class.
 */
public final class JarScanner {

    /** Packages of the libraries a runnable chaincode jar bundles, not the chaincode's own. */
    private static final List<String> LIBRARIES = List.of("org/hyperledger/fabric/", "io/grpc/", "io/netty/", "com/google/",
            "io/perfmark/", "io/opentelemetry/", "org/bouncycastle/", "com/fasterxml/", "com/owlike/", "org/json/", "org/apache/",
            "org/slf4j/", "org/jboss/", "org/checkerframework/", "org/codehaus/", "javax/", "jakarta/", "kotlin/", "android/",
            "org/glassfish/", "org/reflections/", "org/javassist/", "javassist/", "org/everit/", "org/picocontainer/",
            "com/github/", "org/yaml/", "org/objectweb/", "io/swagger/", "net/bytebuddy/", "org/eclipse/", "okhttp3/", "okio/",
            "org/joda/", "io/github/classgraph/", "nonapi/io/github/classgraph/", "org/jetbrains/", "org/intellij/",
            "com/damnhandy/", "org/jspecify/",
            // ks-baas' own CCaaS launcher of the built-ins: it reads its TLS files once at start, outside any transaction.
            "io/baas/chaincode/server/");
    /** Largest class file read: a bigger one is not chaincode logic anyone reviews. */
    private static final int MAX_CLASS_BYTES = 4 * 1024 * 1024;
    /** Most class bytes read from one jar, against archives that inflate far beyond their size. */
    private static final long MAX_TOTAL_BYTES = 512L * 1024 * 1024;

    private JarScanner() {
    }

    /** What a scan found, how many classes it read, and the library packages it skipped with their class counts. */
    public record Report(List<Finding> findings, int classesScanned, Map<String, Integer> librariesSkipped) {
    }

    public static Report scan(byte[] jar) {
        List<Finding> findings = new ArrayList<>();
        int entryCount = 0;
        int scanned = 0;
        long read = 0;
        Map<String, Integer> skipped = new TreeMap<>();
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                entryCount++;
                String name = entry.getName();
                if (entry.isDirectory() || !name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
                    continue;
                }
                Optional<String> library = LIBRARIES.stream().filter(name::startsWith).findFirst();
                if (library.isPresent()) {
                    skipped.merge(library.get().replace('/', '.') + "*", 1, Integer::sum);
                    continue;
                }
                byte[] bytes = entries.readNBytes(MAX_CLASS_BYTES + 1);
                if (bytes.length > MAX_CLASS_BYTES) {
                    throw new IllegalArgumentException("class " + name + " is larger than " + MAX_CLASS_BYTES + " bytes");
                }
                read += bytes.length;
                if (read > MAX_TOTAL_BYTES) {
                    throw new IllegalArgumentException("the jar's classes inflate to more than " + MAX_TOTAL_BYTES + " bytes");
                }
                scanned++;
                try {
                    new ClassReader(bytes).accept(new ClassScanner(findings), ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("class " + name + " of the jar does not parse: " + e.getMessage(), e);
                }
            }
            if (entryCount == 0) {
                throw new IllegalArgumentException("not a jar: it holds no entry");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a jar: " + e.getMessage(), e);
        }
        return new Report(List.copyOf(findings), scanned, java.util.Collections.unmodifiableMap(skipped));
    }

    private static final class ClassScanner extends ClassVisitor {
        private final List<Finding> findings;
        private String className;

        ClassScanner(List<Finding> findings) {
            super(Opcodes.ASM9);
            this.findings = findings;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = name.replace('/', '.');
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            return new MethodScanner(findings, className, name + descriptor);
        }
    }

    private static final class MethodScanner extends MethodVisitor {
        private static final Set<String> STATE_WRITES = Set.of("putState", "putPrivateData", "delState", "delPrivateData",
                "putStringState", "setStateValidationParameter");
        private static final Set<String> HASH_ITERATION = Set.of("keySet", "values", "entrySet", "forEach", "iterator", "stream",
                "spliterator");

        private final List<Finding> findings;
        private final String className;
        private final String method;
        private boolean writesState;
        private String hashIteration;

        MethodScanner(List<Finding> findings, String className, String method) {
            super(Opcodes.ASM9);
            this.findings = findings;
            this.className = className;
            this.method = method;
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            if (opcode != Opcodes.NEW) {
                return;
            }
            if (type.equals("java/lang/Thread") || type.startsWith("java/util/concurrent/ForkJoinPool")
                    || type.equals("java/util/Timer") || type.startsWith("java/util/concurrent/ThreadPoolExecutor")
                    || type.startsWith("java/util/concurrent/ScheduledThreadPoolExecutor")) {
                add(Category.THREADS, Severity.HIGH, "creates a " + dotted(type));
            } else if (type.equals("java/security/SecureRandom")) {
                add(Category.RANDOMNESS, Severity.HIGH, "creates a java.security.SecureRandom");
            } else if (file(type)) {
                add(Category.FILE_IO, Severity.HIGH, "creates a " + dotted(type));
            } else if (network(type)) {
                add(Category.NETWORK_IO, Severity.HIGH, "creates a " + dotted(type));
            }
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            String call = dotted(owner) + "." + name;
            if (clock(owner, name, descriptor)) {
                add(Category.WALL_CLOCK, Severity.HIGH, "calls " + call + (name.equals("<init>") ? " (the current time)" : ""));
            } else if (random(owner, name, descriptor)) {
                add(Category.RANDOMNESS, Severity.HIGH, "calls " + call + (name.equals("<init>") ? " (unseeded)" : ""));
            } else if (threads(owner, name)) {
                add(Category.THREADS, Severity.HIGH, "calls " + call);
            } else if ((file(owner) || owner.equals("java/nio/file/Files") || owner.equals("java/nio/file/Paths")
                    || owner.equals("java/nio/file/Path") && name.equals("of")) && !name.equals("<init>")) {
                add(Category.FILE_IO, Severity.HIGH, "calls " + call);
            } else if (network(owner) && !name.equals("<init>")) {
                add(Category.NETWORK_IO, Severity.HIGH, "calls " + call);
            } else if (reflection(owner, name)) {
                add(Category.REFLECTION, Severity.MEDIUM, "calls " + call);
            }
            if (STATE_WRITES.contains(name) && owner.startsWith("org/hyperledger/fabric/shim/")) {
                writesState = true;
            }
            if (HASH_ITERATION.contains(name) && (owner.equals("java/util/HashMap") || owner.equals("java/util/HashSet")
                    || owner.equals("java/util/Hashtable"))) {
                hashIteration = call;
            }
        }

        @Override
        public void visitEnd() {
            if (writesState && hashIteration != null) {
                add(Category.UNORDERED_ITERATION, Severity.MEDIUM, "iterates a hash collection (" + hashIteration + ") and writes state");
            }
        }

        private static boolean clock(String owner, String name, String descriptor) {
            return owner.equals("java/lang/System") && (name.equals("currentTimeMillis") || name.equals("nanoTime"))
                    || name.equals("now") && owner.startsWith("java/time/")
                    || owner.equals("java/time/Clock") && name.startsWith("system")
                    || owner.equals("java/util/Date") && name.equals("<init>") && descriptor.equals("()V")
                    || owner.equals("java/util/Calendar") && name.equals("getInstance")
                    || owner.equals("java/util/GregorianCalendar") && name.equals("<init>") && descriptor.equals("()V");
        }

        private static boolean random(String owner, String name, String descriptor) {
            return owner.equals("java/util/Random") && name.equals("<init>") && descriptor.equals("()V")
                    || owner.equals("java/lang/Math") && name.equals("random")
                    || owner.equals("java/lang/StrictMath") && name.equals("random")
                    || owner.equals("java/util/UUID") && name.equals("randomUUID")
                    || owner.equals("java/util/concurrent/ThreadLocalRandom")
                    || owner.equals("java/util/Collections") && name.equals("shuffle") && descriptor.equals("(Ljava/util/List;)V");
        }

        private static boolean threads(String owner, String name) {
            return owner.equals("java/lang/Thread") && (name.equals("start") || name.equals("ofVirtual") || name.equals("ofPlatform")
                    || name.equals("startVirtualThread"))
                    || owner.equals("java/util/concurrent/Executors")
                    || owner.equals("java/util/concurrent/CompletableFuture") && name.endsWith("Async")
                    || name.equals("parallelStream") || name.equals("parallel") && owner.startsWith("java/util/stream/");
        }

        private static boolean file(String type) {
            return type.equals("java/io/File") || type.startsWith("java/io/File") || type.equals("java/io/RandomAccessFile")
                    || type.equals("java/nio/channels/FileChannel");
        }

        private static boolean network(String type) {
            return type.startsWith("java/net/") && !type.equals("java/net/URI") && !type.startsWith("java/net/URLEncoder")
                    && !type.startsWith("java/net/URLDecoder") || type.startsWith("javax/net/");
        }

        private static boolean reflection(String owner, String name) {
            return owner.equals("java/lang/Class") && (name.equals("forName") || name.startsWith("getDeclared")
                    || name.equals("getMethod") || name.equals("getField") || name.equals("newInstance"))
                    || owner.startsWith("java/lang/reflect/") && (name.equals("invoke") || name.equals("newInstance")
                    || name.equals("setAccessible") || name.startsWith("set") || name.startsWith("get") && owner.endsWith("Field"))
                    || owner.equals("java/lang/reflect/AccessibleObject") && name.equals("setAccessible")
                    || owner.equals("java/lang/invoke/MethodHandles") && name.startsWith("privateLookupIn");
        }

        private void add(Category category, Severity severity, String detail) {
            findings.add(new Finding(category, severity, className, method, detail));
        }

        private static String dotted(String internalName) {
            return internalName.replace('/', '.');
        }
    }
}
