package org.vae4j.io;

import com.google.gson.JsonDeserializationContext;
import com.google.gson.JsonDeserializer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonSerializationContext;
import com.google.gson.JsonSerializer;
import java.lang.reflect.Type;
import java.util.Map;
import org.vae4j.family.Families;
import org.vae4j.family.ModelFamily;
import org.vae4j.model.ModelConfig;

/**
 * A {@link ModelConfig} as JSON: {@code "family"} first, then the family's own fields. An object
 * without the tag is a {@code vae}, as every {@code config.json} written before families existed.
 */
final class ModelConfigAdapter implements JsonSerializer<ModelConfig>, JsonDeserializer<ModelConfig> {

    private static final String TAG = "family";

    @Override
    public JsonElement serialize(ModelConfig src, Type type, JsonSerializationContext context) {
        JsonObject out = new JsonObject();
        out.addProperty(TAG, src.family());
        for (Map.Entry<String, JsonElement> e :
                context.serialize(src, src.getClass()).getAsJsonObject().entrySet()) {
            out.add(e.getKey(), e.getValue());
        }
        return out;
    }

    @Override
    public ModelConfig deserialize(JsonElement json, Type type, JsonDeserializationContext context) {
        if (!json.isJsonObject()) {
            throw new JsonParseException("a model configuration is a JSON object, got " + json);
        }
        JsonObject fields = json.getAsJsonObject().deepCopy();
        JsonElement tag = fields.remove(TAG);
        ModelFamily<?> family;
        try {
            family = Families.get(tag == null || tag.isJsonNull() ? null : tag.getAsString());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new JsonParseException(e.getMessage(), e);
        }
        return context.deserialize(fields, family.configType());
    }
}
