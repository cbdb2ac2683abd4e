package io.tauflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tauflow.schema.Candle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.ResolvingDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.formats.avro.typeutils.AvroSerializer;
import org.junit.jupiter.api.Test;

class AvroCodersTest {

    @Test
    void everyGeneratedRecordClassIsListedAndSwitched() throws Exception {
        AvroCoders.enable();
        assertThat(new HashSet<>(AvroCoders.RECORDS)).isEqualTo(generatedRecordClasses());
        for (Class<? extends SpecificRecordBase> type : AvroCoders.RECORDS) {
            assertThat(SpecificData.getForClass(type).useCustomCoders())
                    .as(type.getName())
                    .isTrue();
            assertThat(type.getDeclaredMethod("customDecode", ResolvingDecoder.class))
                    .as("%s has generated coders", type.getName())
                    .isNotNull();
        }
    }

    @Test
    void theGeneratedCodersReadAndWriteTheSameBytesAsTheGenericOnes() throws Exception {
        AvroCoders.enable();
        Random random = new Random(11);
        for (Class<? extends SpecificRecordBase> type : AvroCoders.RECORDS) {
            Schema schema = schemaOf(type);
            SpecificData generic = new SpecificData(type.getClassLoader());
            generic.setCustomCoders(false);
            for (int i = 0; i < 50; i++) {
                byte[] bytes = genericBytes(schema, randomValue(schema, random, 0));

                SpecificRecordBase viaGenerated = AvroCodec.of(type).decode(bytes);
                Object viaGeneric =
                        new SpecificDatumReader<>(schema, schema, generic)
                                .read(null, DecoderFactory.get().binaryDecoder(bytes, null));

                assertThat(viaGenerated).as(type.getSimpleName()).isEqualTo(viaGeneric);
                assertThat(encode(viaGenerated, type)).as(type.getSimpleName()).isEqualTo(bytes);
                assertThat(bytesOf(new SpecificDatumWriter<>(schema, generic), viaGeneric))
                        .isEqualTo(bytes);
            }
        }
    }

    @Test
    void flinksAvroSerializerRoundTripsWithThem() throws IOException {
        AvroCoders.enable();
        Random random = new Random(5);
        AvroSerializer<Candle> serializer = new AvroSerializer<>(Candle.class);
        for (int i = 0; i < 20; i++) {
            byte[] bytes = genericBytes(Candle.SCHEMA$, randomValue(Candle.SCHEMA$, random, 0));
            Candle c = AvroCodec.of(Candle.class).decode(bytes);
            DataOutputSerializer out = new DataOutputSerializer(128);
            serializer.serialize(c, out);
            Candle back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            assertThat(back).isEqualTo(c);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecordBase> byte[] encode(Object record, Class<T> type) {
        return AvroCodec.of(type).encode((T) record);
    }

    private static Schema schemaOf(Class<?> type) {
        return SpecificData.get().getSchema(type);
    }

    private static byte[] genericBytes(Schema schema, Object value) throws IOException {
        return bytesOf(new GenericDatumWriter<>(schema, GenericData.get()), value);
    }

    private static byte[] bytesOf(org.apache.avro.io.DatumWriter<Object> writer, Object value)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        writer.write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** A random value of the schema, as a generic datum (nulls, short arrays, any enum symbol). */
    private static Object randomValue(Schema s, Random r, int depth) {
        switch (s.getType()) {
            case RECORD:
                GenericData.Record rec = new GenericData.Record(s);
                for (Schema.Field f : s.getFields()) {
                    rec.put(f.pos(), randomValue(f.schema(), r, depth + 1));
                }
                return rec;
            case UNION:
                List<Schema> types = s.getTypes();
                return randomValue(types.get(r.nextInt(types.size())), r, depth);
            case ARRAY:
                List<Object> list = new ArrayList<>();
                int n = depth > 3 ? 0 : r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    list.add(randomValue(s.getElementType(), r, depth + 1));
                }
                return list;
            case ENUM:
                List<String> symbols = s.getEnumSymbols();
                return new GenericData.EnumSymbol(s, symbols.get(r.nextInt(symbols.size())));
            case STRING:
                return "s" + Long.toString(r.nextLong(), 36);
            case BYTES:
                byte[] b = new byte[r.nextInt(8)];
                r.nextBytes(b);
                return ByteBuffer.wrap(b);
            case INT:
                return r.nextInt();
            case LONG:
                return r.nextLong();
            case DOUBLE:
                return r.nextGaussian() * 1e3;
            case FLOAT:
                return r.nextFloat();
            case BOOLEAN:
                return r.nextBoolean();
            case NULL:
                return null;
            default:
                throw new IllegalArgumentException("no generator for " + s.getType());
        }
    }

    /** The concrete SpecificRecordBase classes in the schema package, from the jar or directory. */
    private static Set<Class<?>> generatedRecordClasses() throws IOException, URISyntaxException {
        String dir = Candle.class.getPackageName().replace('.', '/');
        URL url = Candle.class.getResource("Candle.class");
        List<String> names = new ArrayList<>();
        if ("jar".equals(url.getProtocol())) {
            JarURLConnection c = (JarURLConnection) url.openConnection();
            try (JarFile jar = new JarFile(c.getJarFileURL().getPath())) {
                jar.stream()
                        .map(e -> e.getName())
                        .filter(n -> n.startsWith(dir + "/") && n.endsWith(".class"))
                        .map(n -> n.substring(dir.length() + 1))
                        .forEach(names::add);
            }
        } else {
            try (Stream<Path> files = Files.list(Path.of(url.toURI()).getParent())) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".class"))
                        .forEach(names::add);
            }
        }
        Set<Class<?>> records = new HashSet<>();
        for (String n : names) {
            if (n.contains("$")) {
                continue;
            }
            try {
                Class<?> c =
                        Class.forName(
                                Candle.class.getPackageName() + "." + n.replace(".class", ""));
                if (SpecificRecordBase.class.isAssignableFrom(c)) {
                    records.add(c);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        assertThat(records).isNotEmpty();
        return records;
    }
}
