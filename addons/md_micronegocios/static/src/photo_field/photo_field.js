import { registry } from "@web/core/registry";
import { ImageField, imageField } from "@web/views/fields/image/image_field";

/**
 * Evidence photo of a plan activity (issue 17): on a phone the facilitator taps the
 * picture itself (the placeholder when there is no photo yet) to open the camera or the
 * file picker, instead of looking for the small pencil shown on hover.
 */
export class MdPhotoField extends ImageField {
    static template = "md_micronegocios.MdPhotoField";

    onImageClick(ev) {
        if (this.props.readonly) {
            return;
        }
        const input = ev.currentTarget.parentElement.querySelector("input[type=file]");
        if (input) {
            input.click();
        }
    }
}

export const mdPhotoField = {
    ...imageField,
    component: MdPhotoField,
};

registry.category("fields").add("md_photo", mdPhotoField);
