// SPDX-License-Identifier: MIT
// ObjectCatalog: the five demo objects, their fields, external Ids and rules.
#include "emulator/objectcatalog.h"

namespace emu {

using soql::FieldType;

namespace {
std::vector<soql::FieldDef> withSystemFields(std::vector<soql::FieldDef> custom)
{
    std::vector<soql::FieldDef> f{{"Id", FieldType::Id},
                                  {"Name", FieldType::String},
                                  {"CreatedDate", FieldType::DateTime},
                                  {"LastModifiedDate", FieldType::DateTime},
                                  {"SystemModstamp", FieldType::DateTime},
                                  {"IsDeleted", FieldType::Boolean}};
    f.insert(f.end(), custom.begin(), custom.end());
    return f;
}

ObjectDef make(std::string name, std::string prefix, std::vector<soql::FieldDef> custom)
{
    ObjectDef d;
    d.schema.name = name;
    d.schema.table = name;
    d.schema.fields = withSystemFields(std::move(custom));
    d.keyPrefix = std::move(prefix);
    return d;
}
} // namespace

int ObjectDef::fieldIndex(std::string_view anyCase) const
{
    for (size_t i = 0; i < schema.fields.size(); ++i) {
        if (soql::equalsIgnoreCase(schema.fields[i].name, anyCase))
            return static_cast<int>(i);
    }
    return -1;
}

bool ObjectDef::isExternalId(std::string_view canonical) const
{
    for (const auto &e : externalIds) {
        if (e == canonical)
            return true;
    }
    return false;
}

bool ObjectDef::isReadOnly(std::string_view f) const
{
    if (f == "Id" || f == "CreatedDate" || f == "LastModifiedDate" || f == "SystemModstamp" || f == "IsDeleted")
        return true;
    return f == "Name" && nameRule == NameRule::FirstLast;
}

ObjectCatalog::ObjectCatalog()
{
    ObjectDef outlet = make("s_c__outlet__c", "a00",
                            {{"s_c__code__c", FieldType::String},
                             {"s_c__city__c", FieldType::String},
                             {"s_c__active__c", FieldType::Boolean}});
    outlet.externalIds = {"s_c__code__c"};
    outlet.required = {"Name"};

    ObjectDef shift = make("s_c__shift__c", "a01",
                           {{"s_c__outlet__c", FieldType::Reference},
                            {"s_c__start__c", FieldType::DateTime},
                            {"s_c__end__c", FieldType::DateTime},
                            {"s_c__status__c", FieldType::String},
                            {"s_c__pos_uuid__c", FieldType::String}});
    shift.externalIds = {"s_c__pos_uuid__c"};
    shift.nameRule = NameRule::AutoNumber;
    shift.autoNumberPrefix = "SH-";

    ObjectDef contact = make("Contact", "003",
                             {{"FirstName", FieldType::String},
                              {"LastName", FieldType::String},
                              {"Email", FieldType::String},
                              {"Phone", FieldType::String},
                              {"s_c__pos_uuid__c", FieldType::String}});
    contact.externalIds = {"s_c__pos_uuid__c"};
    contact.nameRule = NameRule::FirstLast;
    contact.required = {"LastName"};

    ObjectDef product = make("s_c__product__c", "a02",
                             {{"s_c__sku__c", FieldType::String},
                              {"s_c__price__c", FieldType::Double},
                              {"s_c__category__c", FieldType::String},
                              {"s_c__barcode__c", FieldType::String},
                              {"s_c__description__c", FieldType::String},
                              {"s_c__active__c", FieldType::Boolean}});
    product.externalIds = {"s_c__sku__c"};
    product.required = {"Name"};

    ObjectDef order = make("s_c__order__c", "a03",
                           {{"s_c__outlet__c", FieldType::Reference},
                            {"s_c__contact__c", FieldType::Reference},
                            {"s_c__total__c", FieldType::Double},
                            {"s_c__status__c", FieldType::String},
                            {"s_c__order_date__c", FieldType::Date},
                            {"s_c__item_count__c", FieldType::Int},
                            {"s_c__pos_uuid__c", FieldType::String}});
    order.externalIds = {"s_c__pos_uuid__c"};
    order.validationRules = {{"s_c__total__c", 0.0, "Order total cannot be negative"}};
    order.nameRule = NameRule::AutoNumber;
    order.autoNumberPrefix = "ORD-";

    m_objects = {outlet, shift, contact, product, order};
}

const ObjectDef *ObjectCatalog::find(std::string_view anyCase) const
{
    for (const auto &o : m_objects) {
        if (soql::equalsIgnoreCase(o.name(), anyCase))
            return &o;
    }
    return nullptr;
}

const ObjectDef *ObjectCatalog::findByPrefix(std::string_view id) const
{
    if (id.size() < 3)
        return nullptr;
    for (const auto &o : m_objects) {
        if (soql::equalsIgnoreCase(o.keyPrefix, id.substr(0, 3)))
            return &o;
    }
    return nullptr;
}

} // namespace emu
