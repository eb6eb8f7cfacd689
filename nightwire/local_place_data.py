"""Places below GeoNames' towns that conflict reports name alone, per country (the local
places of :mod:`nightwire.gazetteer_local`): Pakistan's tribal valleys and towns and the
quarters of Karachi and Peshawar, Kashmir's border sectors and towns of India's conflict
areas, Myanmar's township seats, and the Bangladeshi press's spellings of OCHA names.

Coordinates are the places' own, approximate (within about 20 km), never an event's.
"""

from __future__ import annotations

# Sectors of the Line of Control and the International Border in Jammu and Kashmir that
# GeoNames has no town for ("firing in Balakote sector"), and towns of the conflict areas
# that cities500 lacks: (name, lat, lon, district, admin1).
INDIA_LOCAL_PLACES: tuple[tuple[str, float, float, str, str], ...] = (
    ("Balakote", 33.58, 74.10, "Poonch", "Jammu and Kashmir"),
    ("Krishna Ghati", 33.65, 74.15, "Poonch", "Jammu and Kashmir"),
    ("Krishnagati", 33.65, 74.15, "Poonch", "Jammu and Kashmir"),
    ("Mankote", 33.55, 74.15, "Poonch", "Jammu and Kashmir"),
    ("Bhimber Gali", 33.62, 74.20, "Poonch", "Jammu and Kashmir"),
    ("Mendhar", 33.60, 74.13, "Poonch", "Jammu and Kashmir"),
    ("R S Pura", 32.61, 74.73, "Jammu", "Jammu and Kashmir"),
    ("RS Pura", 32.61, 74.73, "Jammu", "Jammu and Kashmir"),
    ("Gurez", 34.63, 74.83, "Bandipora", "Jammu and Kashmir"),
    ("Machil", 34.55, 74.10, "Kupwara", "Jammu and Kashmir"),
    # Towns of the Kashmir valley, Manipur and Bastar that cities500 lacks.
    ("Budgam", 34.02, 74.72, "Budgam", "Jammu and Kashmir"),
    ("Awantipora", 33.92, 75.01, "Pulwama", "Jammu and Kashmir"),
    ("Shopiyan", 33.72, 74.83, "Shopian", "Jammu and Kashmir"),
    ("Hajin", 34.30, 74.62, "Bandipora", "Jammu and Kashmir"),
    ("Lolab", 34.52, 74.35, "Kupwara", "Jammu and Kashmir"),
    ("Senapati", 25.27, 94.02, "Senapati", "Manipur"),
    ("Palhalan", 34.18, 74.55, "Baramulla", "Jammu and Kashmir"),
    ("Nowhatta", 34.10, 74.81, "Srinagar", "Jammu and Kashmir"),
    ("Maisuma", 34.08, 74.81, "Srinagar", "Jammu and Kashmir"),
    ("Gojwara", 34.10, 74.80, "Srinagar", "Jammu and Kashmir"),
    ("Porompat", 24.80, 93.96, "Imphal East", "Manipur"),
    ("Singjamei", 24.78, 93.93, "Imphal West", "Manipur"),
    ("Chintalnar", 18.37, 81.55, "Sukma", "Chhattisgarh"),
    ("Basaguda", 18.43, 80.94, "Bijapur", "Chhattisgarh"),
)

# Townships of Myanmar's conflict areas whose seats GeoNames lacks ("clashed in Mansi
# township"): (name, latitude, longitude, district, admin1).
MYANMAR_LOCAL_PLACES: tuple[tuple[str, float, float, str, str], ...] = (
    ("Mansi", 24.05, 97.30, "Bhamo", "Kachin"),
    ("Namhsan", 22.97, 97.16, "Kyaukme", "Shan"),
    ("Hsipaw", 22.62, 97.30, "Kyaukme", "Shan"),
    ("Nawnghkio", 22.31, 96.82, "Kyaukme", "Shan"),
    ("Naung Khio", 22.31, 96.82, "Kyaukme", "Shan"),
    ("Mong Hsu", 21.90, 98.35, "Loilem", "Shan"),
    ("Konkyan", 23.55, 98.60, "Laukkai", "Shan"),
    ("Kongyan", 23.55, 98.60, "Laukkai", "Shan"),
    ("Kongyn", 23.55, 98.60, "Laukkai", "Shan"),
    ("Kunlong", 23.42, 98.65, "Laukkai", "Shan"),
    ("Mantong", 23.30, 97.25, "Kyaukme", "Shan"),
    ("Manton", 23.30, 97.25, "Kyaukme", "Shan"),
    ("Namtu", 23.08, 97.40, "Kyaukme", "Shan"),
    ("Mong Yai", 22.42, 98.03, "Lashio", "Shan"),
    ("Mongyai", 22.42, 98.03, "Lashio", "Shan"),
    ("Laihka", 21.27, 97.65, "Loilem", "Shan"),
    ("Lai-Hka", 21.27, 97.65, "Loilem", "Shan"),
    ("Hopong", 20.79, 97.17, "Taunggyi", "Shan"),
    ("Mong Ton", 20.29, 98.91, "Langkho", "Shan"),
    ("Waingmaw", 25.35, 97.43, "Myitkyina", "Kachin"),
    ("Momauk", 24.25, 97.36, "Bhamo", "Kachin"),
    ("Sumprabum", 26.55, 97.57, "Putao", "Kachin"),
    ("Hlaingbwe", 17.13, 97.83, "Hpa-an", "Kayin"),
    ("Kyainseikgyi", 16.03, 98.13, "Kawkareik", "Kayin"),
    ("Thandaunggyi", 19.07, 96.68, "Hpa-an", "Kayin"),
    ("Paletwa", 21.30, 92.85, "Mindat", "Chin"),
    ("Ponnagyun", 20.33, 93.00, "Sittwe", "Rakhine"),
    ("Rathedaung", 20.49, 92.75, "Sittwe", "Rakhine"),
    ("Minbya", 20.36, 93.27, "Mrauk-U", "Rakhine"),
    ("Kyaukphyu", 19.43, 93.55, "Kyaukphyu", "Rakhine"),
)

# Spellings of the Bangladeshi press for the names of the OCHA boundaries ("Jhenidah").
BANGLADESH_SPELLINGS: dict[str, str] = {
    "Jhenidah": "Jhenaidah",
    "Laxmipur": "Lakshmipur",
    "Lakshimpur": "Lakshmipur",
    "Hijla": "Hizla",
    "Gouripur": "Gauripur",
    "Mirsarai": "Mirsharai",
    "Astagram": "Austagram",
    "Shalika": "Shalikha",
}

# Places of Pakistan below GeoNames' towns that reports name alone: valleys and towns of
# the tribal areas and Balochistan, quarters of Karachi and Peshawar ("in Orangi Town"):
# (name, latitude, longitude, district, admin1).
PAKISTAN_LOCAL_PLACES: tuple[tuple[str, float, float, str, str], ...] = (
    ("Tirah", 33.85, 70.80, "Khyber Agency", "Khyber Pakhtunkhwa"),
    ("Shawal", 32.80, 69.75, "North Waziristan", "Khyber Pakhtunkhwa"),
    ("Shahwal", 32.80, 69.75, "North Waziristan", "Khyber Pakhtunkhwa"),
    ("Hayatabad", 33.98, 71.44, "Peshawar", "Khyber Pakhtunkhwa"),
    ("Orangi", 24.95, 66.99, "Karachi", "Sindh"),
    ("Orangi Town", 24.95, 66.99, "Karachi", "Sindh"),
    ("Mominabad", 24.95, 67.00, "Karachi", "Sindh"),
    ("Baldia", 24.93, 66.96, "Karachi", "Sindh"),
    ("Lyari", 24.86, 66.99, "Karachi", "Sindh"),
    ("Malir", 24.89, 67.20, "Karachi", "Sindh"),
    ("Korangi", 24.83, 67.13, "Karachi", "Sindh"),
    ("Landhi", 24.85, 67.20, "Karachi", "Sindh"),
    ("Nazimabad", 24.91, 67.03, "Karachi", "Sindh"),
    ("North Nazimabad", 24.94, 67.04, "Karachi", "Sindh"),
    ("Manghopir", 24.98, 67.03, "Karachi", "Sindh"),
    ("Surjani", 25.03, 67.06, "Karachi", "Sindh"),
    ("Sohrab Goth", 24.95, 67.09, "Karachi", "Sindh"),
    ("Kemari", 24.83, 66.98, "Karachi", "Sindh"),
    ("Shah Faisal", 24.88, 67.16, "Karachi", "Sindh"),
    # Towns of the tribal areas and Balochistan that cities500 lacks.
    ("Mir Ali", 33.00, 70.27, "North Waziristan", "Khyber Pakhtunkhwa"),
    ("Spinwam", 33.17, 70.38, "North Waziristan", "Khyber Pakhtunkhwa"),
    ("Razmak", 32.69, 69.86, "North Waziristan", "Khyber Pakhtunkhwa"),
    ("Makeen", 32.64, 69.84, "South Waziristan", "Khyber Pakhtunkhwa"),
    ("Bara", 33.91, 71.47, "Khyber Agency", "Khyber Pakhtunkhwa"),
    ("Mamond", 34.80, 71.45, "Bajaur Agency", "Khyber Pakhtunkhwa"),
    ("Safi", 34.50, 71.32, "Mohmand Agency", "Khyber Pakhtunkhwa"),
    ("Matta", 34.94, 72.43, "Swat", "Khyber Pakhtunkhwa"),
    ("Sui", 28.64, 69.18, "Dera Bugti", "Balochistan"),
    ("Pir Koh", 29.25, 69.08, "Dera Bugti", "Balochistan"),
    ("Pirkoh", 29.25, 69.08, "Dera Bugti", "Balochistan"),
    ("Noshki", 29.55, 66.02, "Noshki", "Balochistan"),
    ("Naushki", 29.55, 66.02, "Noshki", "Balochistan"),
    ("Mashkai", 26.93, 65.55, "Awaran", "Balochistan"),
    ("Mashkay", 26.93, 65.55, "Awaran", "Balochistan"),
    ("Tump", 26.12, 62.37, "Kech", "Balochistan"),
    ("Hoshab", 26.02, 63.88, "Kech", "Balochistan"),
)
